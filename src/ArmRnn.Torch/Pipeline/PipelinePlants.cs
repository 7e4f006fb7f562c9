using ArmRnn.Abstractions;

namespace ArmRnn.Torch.Pipeline;

/// <summary>
/// The plants a <see cref="GenerationPipeline"/> works with. Only <see cref="Plant"/> is simulated; the other two
/// only draw starting states (through <see cref="IPlant.SampleInitialStates"/>, completed by
/// <see cref="Plant"/>'s <see cref="IPlant.Reset"/>), so they can be the same plant configured with other ranges.
/// </summary>
/// <param name="Plant">The real plant: it makes every generation's data and is what the controllers are judged on.</param>
/// <param name="TrainingStarts">Draws the starting states of the controller's training and new-data trials
/// (e.g. the arm with a small posture range around its centre).</param>
/// <param name="Home">Draws the centre-out start used in evaluation: the first state it samples with the pipeline's
/// seed (e.g. the arm with a zero posture range: always the centre posture).</param>
public sealed record PipelinePlants(IPlant Plant, IPlant TrainingStarts, IPlant Home)
{
    /// <summary>One plant for everything: starting states from its own sampler.</summary>
    public PipelinePlants(IPlant plant)
        : this(plant, plant, plant)
    {
    }

    /// <summary>Checks that the three plants agree on layout, excitations and control step.</summary>
    /// <exception cref="ArgumentException">They do not; the message says how.</exception>
    public void EnsureConsistent()
    {
        ArgumentNullException.ThrowIfNull(Plant);
        ArgumentNullException.ThrowIfNull(TrainingStarts);
        ArgumentNullException.ThrowIfNull(Home);
        foreach (var (name, other) in new[] { (nameof(TrainingStarts), TrainingStarts), (nameof(Home), Home) })
        {
            var difference = Plant.Layout.DescribeChannelDifference(other.Layout);
            if (difference is not null)
            {
                throw new ArgumentException($"{name}'s state layout differs from the plant's: {difference}");
            }
        }
    }
}
