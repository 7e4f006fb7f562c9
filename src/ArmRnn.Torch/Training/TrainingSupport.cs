using TorchSharp;
using TorchSharp.Modules;

namespace ArmRnn.Torch.Training;

/// <summary>Optimiser creation and the parts of a training step both trainers share.</summary>
internal static class TrainingSupport
{
    public static OptimizerHelper CreateOptimizer(OptimizationOptions options, IEnumerable<Parameter> parameters) =>
        options.Optimizer switch
        {
            OptimizerKind.Sgd => torch.optim.SGD(parameters, options.LearningRate, momentum: options.Momentum, weight_decay: options.WeightDecay),
            _ => torch.optim.Adam(parameters, options.LearningRate, weight_decay: options.WeightDecay),
        };

    public static double SetLearningRate(torch.optim.Optimizer optimizer, OptimizationOptions options, int period, int totalPeriods)
    {
        var rate = options.LearningRate * options.Schedule.Factor(period, totalPeriods);
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }

        return rate;
    }

    /// <summary>Clips the gradients' global norm (when asked) and takes an optimiser step.</summary>
    public static void ClipAndStep(torch.optim.Optimizer optimizer, IReadOnlyList<Parameter> parameters, double clipNorm)
    {
        if (clipNorm > 0)
        {
            torch.nn.utils.clip_grad_norm_(parameters, clipNorm);
        }

        using var _ = optimizer.step();
    }

    public static byte[] SaveOptimizer(OptimizerHelper optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            optimizer.save_state_dict(writer);
        }

        return stream.ToArray();
    }

    public static void LoadOptimizer(OptimizerHelper optimizer, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = new BinaryReader(stream);
        optimizer.load_state_dict(reader);
    }
}
