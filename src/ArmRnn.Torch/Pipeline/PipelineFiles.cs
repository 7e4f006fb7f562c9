namespace ArmRnn.Torch.Pipeline;

/// <summary>The names of the files in a generation's folder of a <see cref="RunFolder"/>.</summary>
public static class PipelineFiles
{
    /// <summary>The generation's training trajectories (HDF5, docs/dataset-format.md).</summary>
    public const string TrainingData = "data-train.h5";

    /// <summary>The generation's held-out test trajectories.</summary>
    public const string TestData = "data-test.h5";

    /// <summary>The trained ArmNet.</summary>
    public const string ArmNet = "armnet.ckpt";

    /// <summary>ArmNet's resumable training checkpoint (deleted when the stage completes).</summary>
    public const string ArmNetTraining = "armnet-training.ckpt";

    /// <summary>ArmNet's per-epoch training history (JSON).</summary>
    public const string ArmNetHistory = "armnet-history.json";

    /// <summary>The trained ControllerNet.</summary>
    public const string Controller = "controller.ckpt";

    /// <summary>ControllerNet's resumable training checkpoint (deleted when the stage completes).</summary>
    public const string ControllerTraining = "controller-training.ckpt";

    /// <summary>ControllerNet's training history (JSON).</summary>
    public const string ControllerHistory = "controller-history.json";

    /// <summary>The controller's centre-out reaches on the real plant (HDF5).</summary>
    public const string CenterOutOnPlant = "centerout-plant.h5";

    /// <summary>The controller's centre-out reaches on ArmNet (HDF5).</summary>
    public const string CenterOutOnArmNet = "centerout-armnet.h5";

    /// <summary>ArmNet's predictions of the generation's test trajectories (HDF5, same excitations and start states
    /// as <see cref="TestData"/>).</summary>
    public const string TestPredictions = "armnet-test-predictions.h5";
}
