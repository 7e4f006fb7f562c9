namespace ArmRnn.Torch.Pipeline;

/// <summary>The stages of one generation of <see cref="GenerationPipeline"/>, in the order they run.</summary>
public enum PipelineStage
{
    /// <summary>Simulating the generation's data on the real plant (step 1 or 4).</summary>
    Data,

    /// <summary>Training the generation's ArmNet (step 2).</summary>
    ArmNet,

    /// <summary>Training the generation's ControllerNet through the frozen ArmNet (step 3).</summary>
    Controller,

    /// <summary>Scoring ArmNets on test data and the controller on the centre-out task.</summary>
    Evaluation,
}
