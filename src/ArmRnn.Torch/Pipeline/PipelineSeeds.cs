using ArmRnn.Randomness;

namespace ArmRnn.Torch.Pipeline;

/// <summary>The seeds of every random choice of a run, all derived from <see cref="GenerationPipelineOptions.Seed"/>
/// by forking per generation and per purpose, so a stage's randomness does not depend on whether earlier stages
/// ran in this process or were read back from disk.</summary>
internal sealed class PipelineSeeds(ulong seed)
{
    private enum Purpose : ulong
    {
        Data = 1,
        ArmNetWeights = 2,
        ArmNetTraining = 3,
        ControllerWeights = 4,
        ControllerTraining = 5,
        Exploration = 6,
        Evaluation = 7,
        DataMix = 8,
    }

    public DeterministicRandom Data(int generation) => Stream(generation, Purpose.Data);

    public ulong DataSeed(int generation) => Stream(generation, Purpose.Data).NextUInt64();

    public long ArmNetWeights(int generation) => (long)(Stream(generation, Purpose.ArmNetWeights).NextUInt64() >> 1);

    public ulong ArmNetTraining(int generation) => Stream(generation, Purpose.ArmNetTraining).NextUInt64();

    public long ControllerWeights(int generation) => (long)(Stream(generation, Purpose.ControllerWeights).NextUInt64() >> 1);

    public ulong ControllerTraining(int generation) => Stream(generation, Purpose.ControllerTraining).NextUInt64();

    public ulong Exploration(int generation) => Stream(generation, Purpose.Exploration).NextUInt64();

    public DeterministicRandom Evaluation(int generation) => Stream(generation, Purpose.Evaluation);

    public DeterministicRandom DataMix(int generation) => Stream(generation, Purpose.DataMix);

    private DeterministicRandom Stream(int generation, Purpose purpose) =>
        new DeterministicRandom(seed).Fork((ulong)generation).Fork((ulong)purpose);
}
