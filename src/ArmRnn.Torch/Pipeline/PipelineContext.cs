using TorchSharp;

namespace ArmRnn.Torch.Pipeline;

/// <summary>What every stage of a run shares: options, plants, folder, seeds, device and progress reporting.</summary>
internal sealed class PipelineContext(
    GenerationPipelineOptions options,
    PipelinePlants plants,
    RunFolder folder,
    torch.Device device,
    Action<PipelineProgress> report,
    CancellationToken cancellationToken)
{
    public GenerationPipelineOptions Options { get; } = options;

    public PipelinePlants Plants { get; } = plants;

    public RunFolder Folder { get; } = folder;

    public PipelineSeeds Seeds { get; } = new(options.Seed);

    public torch.Device Device { get; } = device;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public void Report(int generation, PipelineStage stage, double fraction, string detail) =>
        report(new PipelineProgress(generation, Options.Generations, stage, Math.Clamp(fraction, 0, 1), detail));
}
