using ArmRnn.Torch.Networks;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Training;

/// <summary>
/// What a controller observes of ArmNet's normalised output, in one step: <see cref="ControllerNet.Observe"/> of
/// <see cref="ArmNet.Denormalize"/> is a channel selection and an affine map per channel,
/// <c>(n · std_arm + mean_arm − mean_controller) / std_controller</c>, folded here into one scale and one offset per
/// observed channel (and no selection when the controller observes every channel in order). In a training unroll that
/// replaces six tensor operations per step with one or two.
/// </summary>
internal sealed class ObservationFromArmNet
{
    private readonly Tensor? _indices;
    private readonly Tensor _scale;
    private readonly Tensor _offset;

    private ObservationFromArmNet(Tensor? indices, Tensor scale, Tensor offset)
    {
        _indices = indices;
        _scale = scale;
        _offset = offset;
    }

    /// <summary>The map for <paramref name="controller"/> observing <paramref name="armNet"/> (tensors on
    /// <paramref name="device"/>, in the caller's dispose scope).</summary>
    public static ObservationFromArmNet Create(ControllerNet controller, ArmNet armNet, Device device)
    {
        var indices = armNet.Layout.IndicesOf(controller.ObservedChannels);
        var armMean = armNet.Normalization.Mean;
        var armStd = armNet.Normalization.Std;
        var observedMean = controller.ObservationNormalization.Mean;
        var observedStd = controller.ObservationNormalization.Std;
        var scale = new float[indices.Length];
        var offset = new float[indices.Length];
        for (var k = 0; k < indices.Length; k++)
        {
            scale[k] = (float)(armStd[indices[k]] / observedStd[k]);
            offset[k] = (float)((armMean[indices[k]] - observedMean[k]) / observedStd[k]);
        }

        var identitySelection = indices.SequenceEqual(Enumerable.Range(0, armNet.Layout.Count));
        return new ObservationFromArmNet(
            identitySelection ? null : tensor(indices.Select(i => (long)i).ToArray(), device: device),
            tensor(scale, device: device),
            tensor(offset, device: device));
    }

    /// <summary>The controller's normalised observation <c>[batch, observed]</c> of ArmNet's normalised states
    /// <c>[batch, channels]</c>.</summary>
    public Tensor Observe(Tensor normalizedStates)
    {
        var selected = _indices is null ? normalizedStates : normalizedStates.index_select(1, _indices);
        return addcmul(_offset, selected, _scale, 1);
    }
}
