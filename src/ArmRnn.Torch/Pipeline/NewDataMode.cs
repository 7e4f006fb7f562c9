namespace ArmRnn.Torch.Pipeline;

/// <summary>How generation k ≥ 1 gets its new (excitation, state) data from ControllerNet generation k − 1 (step 4
/// of the pipeline).</summary>
public enum NewDataMode
{
    /// <summary>ControllerNet drives the real plant step by step and sees the plant's states.</summary>
    ClosedLoop,

    /// <summary>ControllerNet drives ArmNet; the excitations it produced are then replayed on the real plant, whose
    /// states are the data.</summary>
    OpenLoop,
}
