namespace ArmRnn.Data;

/// <summary>
/// A contiguous, row-major <c>[batch, time, channel]</c> array of doubles: the storage of every trajectory in
/// ArmRnn (excitations, states, task inputs). Element <c>(b, t, c)</c> is at <c>(b * Steps + t) * Channels + c</c>.
/// </summary>
/// <remarks>The array is mutable (loops write into it) but its shape is fixed.</remarks>
public sealed class TrajectoryArray
{
    private readonly double[] _data;

    /// <summary>Allocates a zero-filled array.</summary>
    /// <param name="batchSize">Number of trajectories (≥ 0).</param>
    /// <param name="steps">Number of time steps (≥ 0).</param>
    /// <param name="channels">Values per time step (≥ 0).</param>
    public TrajectoryArray(int batchSize, int steps, int channels)
        : this(batchSize, steps, channels, new double[CheckedLength(batchSize, steps, channels)])
    {
    }

    /// <summary>Wraps existing data (no copy).</summary>
    /// <param name="batchSize">Number of trajectories.</param>
    /// <param name="steps">Number of time steps.</param>
    /// <param name="channels">Values per time step.</param>
    /// <param name="data">Row-major values; its length must be <c>batchSize * steps * channels</c>.</param>
    /// <exception cref="ArgumentException">The data length does not match the shape.</exception>
    public TrajectoryArray(int batchSize, int steps, int channels, double[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var length = CheckedLength(batchSize, steps, channels);
        if (data.Length != length)
        {
            throw new ArgumentException(
                $"Data has {data.Length} values but the shape [{batchSize}, {steps}, {channels}] needs {length}.",
                nameof(data));
        }

        BatchSize = batchSize;
        Steps = steps;
        Channels = channels;
        _data = data;
    }

    /// <summary>Number of trajectories.</summary>
    public int BatchSize { get; }

    /// <summary>Number of time steps.</summary>
    public int Steps { get; }

    /// <summary>Values per time step.</summary>
    public int Channels { get; }

    /// <summary>Total number of values.</summary>
    public int Length => _data.Length;

    /// <summary>The shape as <c>[batch, time, channel]</c>.</summary>
    public (int BatchSize, int Steps, int Channels) Shape => (BatchSize, Steps, Channels);

    /// <summary>Element <c>(b, t, c)</c>.</summary>
    public double this[int batch, int step, int channel]
    {
        get => _data[Offset(batch, step, channel)];
        set => _data[Offset(batch, step, channel)] = value;
    }

    /// <summary>All values, row-major.</summary>
    public Span<double> AsSpan() => _data;

    /// <summary>The values of one time step of one trajectory (<see cref="Channels"/> values).</summary>
    public Span<double> At(int batch, int step) => _data.AsSpan(RowOffset(batch, step), Channels);

    /// <summary>One whole trajectory (<see cref="Steps"/> × <see cref="Channels"/> values).</summary>
    public Span<double> Trajectory(int batch)
    {
        if ((uint)batch >= (uint)BatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), $"Trajectory {batch} is outside the batch of {BatchSize}.");
        }

        return _data.AsSpan(batch * Steps * Channels, Steps * Channels);
    }

    /// <summary>The underlying array (no copy), for interop with APIs that need one (file writers, tensors).</summary>
    public double[] UnsafeGetArray() => _data;

    /// <summary>Copies the values of time step <paramref name="step"/> of every trajectory into
    /// <paramref name="destination"/> as a <c>[batch, channel]</c> block.</summary>
    public void CopyStepTo(int step, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(step, Steps);
        EnsureBlockLength(destination.Length, nameof(destination));
        for (var b = 0; b < BatchSize; b++)
        {
            At(b, step).CopyTo(destination.Slice(b * Channels, Channels));
        }
    }

    /// <summary>Writes a <c>[batch, channel]</c> block into time step <paramref name="step"/> of every trajectory.</summary>
    public void SetStep(int step, ReadOnlySpan<double> source)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(step, Steps);
        EnsureBlockLength(source.Length, nameof(source));
        for (var b = 0; b < BatchSize; b++)
        {
            source.Slice(b * Channels, Channels).CopyTo(At(b, step));
        }
    }

    /// <summary>A deep copy.</summary>
    public TrajectoryArray Clone() => new(BatchSize, Steps, Channels, (double[])_data.Clone());

    /// <summary>A copy of the trajectories at <paramref name="batchIndices"/>, in that order.</summary>
    public TrajectoryArray SelectBatch(IReadOnlyList<int> batchIndices)
    {
        ArgumentNullException.ThrowIfNull(batchIndices);
        var result = new TrajectoryArray(batchIndices.Count, Steps, Channels);
        for (var i = 0; i < batchIndices.Count; i++)
        {
            Trajectory(batchIndices[i]).CopyTo(result.Trajectory(i));
        }

        return result;
    }

    /// <summary>A copy of time steps [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>).</summary>
    public TrajectoryArray SliceSteps(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Steps);
        var result = new TrajectoryArray(BatchSize, count, Channels);
        for (var b = 0; b < BatchSize; b++)
        {
            _data.AsSpan(RowOffset(b, start), count * Channels).CopyTo(result.Trajectory(b));
        }

        return result;
    }

    /// <summary>A copy of the given channels (in the order given) of every step.</summary>
    public TrajectoryArray SelectChannels(IReadOnlyList<int> channelIndices)
    {
        ArgumentNullException.ThrowIfNull(channelIndices);
        var result = new TrajectoryArray(BatchSize, Steps, channelIndices.Count);
        for (var b = 0; b < BatchSize; b++)
        {
            for (var t = 0; t < Steps; t++)
            {
                var source = At(b, t);
                var target = result.At(b, t);
                for (var k = 0; k < channelIndices.Count; k++)
                {
                    target[k] = source[channelIndices[k]];
                }
            }
        }

        return result;
    }

    /// <summary>Concatenates arrays along the batch axis; all must have the same steps and channels.</summary>
    /// <exception cref="ArgumentException">The shapes disagree; the message names the first offending array.</exception>
    public static TrajectoryArray ConcatenateBatches(IReadOnlyList<TrajectoryArray> arrays)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        if (arrays.Count == 0)
        {
            throw new ArgumentException("Nothing to concatenate.", nameof(arrays));
        }

        var first = arrays[0];
        var total = 0;
        for (var i = 0; i < arrays.Count; i++)
        {
            if (arrays[i].Steps != first.Steps || arrays[i].Channels != first.Channels)
            {
                throw new ArgumentException(
                    $"Array {i} has shape [{arrays[i].BatchSize}, {arrays[i].Steps}, {arrays[i].Channels}] but array 0 has [*, {first.Steps}, {first.Channels}].",
                    nameof(arrays));
            }

            total += arrays[i].BatchSize;
        }

        var result = new TrajectoryArray(total, first.Steps, first.Channels);
        var offset = 0;
        foreach (var array in arrays)
        {
            array._data.CopyTo(result._data, offset);
            offset += array.Length;
        }

        return result;
    }

    private int Offset(int batch, int step, int channel)
    {
        if ((uint)channel >= (uint)Channels)
        {
            throw new ArgumentOutOfRangeException(
                nameof(channel),
                $"Index ({batch}, {step}, {channel}) is outside the shape [{BatchSize}, {Steps}, {Channels}].");
        }

        return RowOffset(batch, step) + channel;
    }

    private int RowOffset(int batch, int step)
    {
        if ((uint)batch >= (uint)BatchSize || (uint)step >= (uint)Steps)
        {
            throw new ArgumentOutOfRangeException(
                nameof(batch),
                $"Index ({batch}, {step}) is outside the shape [{BatchSize}, {Steps}, {Channels}].");
        }

        return ((batch * Steps) + step) * Channels;
    }

    private void EnsureBlockLength(int length, string parameterName)
    {
        if (length != BatchSize * Channels)
        {
            throw new ArgumentException(
                $"A [batch, channel] block of this array has {BatchSize * Channels} values ({BatchSize} x {Channels}), not {length}.",
                parameterName);
        }
    }

    private static int CheckedLength(int batchSize, int steps, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfNegative(channels);
        var length = (long)batchSize * steps * channels;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(batchSize),
                $"Shape [{batchSize}, {steps}, {channels}] has {length} values, more than one array can hold; split the batch.");
        }

        return (int)length;
    }
}
