using System.Globalization;
using ArmRnn.Torch.Networks;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Analysis;

/// <summary>Argument checks shared by the recurrent maps.</summary>
internal static class MapChecks
{
    public static void RequireDeterministic(ControllerNet controller)
    {
        if (controller.NoiseActive)
        {
            throw new InvalidOperationException(
                "The ControllerNet adds noise now (it is in training mode, or NoiseInEvaluation is set), so its map is not a function; call eval() and clear NoiseInEvaluation for fixed-point analysis.");
        }
    }

    public static void RequireFinite(IReadOnlyList<double> values, int expected, string what, string parameter)
    {
        if (values.Count != expected)
        {
            throw new ArgumentException($"The {what} has {values.Count} values but {expected} are expected.", parameter);
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The {what} value {i} is {values[i]}; it must be finite."), parameter);
            }
        }
    }

    public static void RequireShape(Tensor states, int stateSize)
    {
        if (states.dim() != 2 || states.shape[1] != stateSize)
        {
            throw new ArgumentException($"States must be [batch, {stateSize}]; got [{string.Join(", ", states.shape)}].", nameof(states));
        }
    }
}
