namespace ArmRnn.Randomness;

/// <summary>
/// A seeded pseudo-random generator whose sequence is fixed forever (xoshiro256** seeded through SplitMix64),
/// unlike <see cref="System.Random"/>, whose seeded sequence may change between .NET versions. Every generator,
/// task and dataset in ArmRnn draws from one of these, so a seed reproduces a dataset bit for bit.
/// </summary>
/// <remarks>Not thread-safe: give each thread its own instance (see <see cref="Fork"/>).</remarks>
public sealed class DeterministicRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>Creates a generator from a seed.</summary>
    public DeterministicRandom(ulong seed)
    {
        Seed = seed;
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The seed this generator was created with.</summary>
    public ulong Seed { get; }

    /// <summary>
    /// A new, independent generator for sub-stream <paramref name="stream"/>, derived from this generator's seed
    /// only (not from how many numbers were drawn), so that e.g. trial <c>i</c> of a dataset is the same whatever
    /// the batch size or thread count.
    /// </summary>
    public DeterministicRandom Fork(ulong stream)
    {
        var x = Seed ^ (0x9E3779B97F4A7C15UL * (stream + 1));
        return new DeterministicRandom(SplitMix64(ref x));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>).</summary>
    public int NextInt(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        // Lemire's multiply-shift with rejection keeps the result unbiased.
        var bound = (ulong)exclusiveMax;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var r = NextUInt64();
            var product = Math.BigMul(r, bound, out var low);
            if (low >= threshold)
            {
                return (int)product;
            }
        }
    }

    /// <summary>A standard normal deviate (Box-Muller, polar form).</summary>
    public double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        var factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpareNormal = true;
        return u * factor;
    }

    /// <summary>A normal deviate with the given mean and standard deviation.</summary>
    public double NextNormal(double mean, double standardDeviation) => mean + (standardDeviation * NextNormal());

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
