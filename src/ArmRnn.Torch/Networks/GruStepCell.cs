using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Networks;

/// <summary>
/// One step of a one-layer <see cref="GRU"/> through a <see cref="GRUCell"/> that shares the GRU's weight tensors (the
/// same storage: in-place updates such as optimiser steps and state-dict loads are seen, nothing is copied). The cell
/// computes the same function with the same kernels (bit-identical results, tested) without the sequence module's
/// per-call work, which is a large part of a step at batch 1. The networks use it for per-step inference
/// (<c>IPlant.Step</c>, <c>IController.Act</c>); their sequence and training paths keep the GRU.
/// </summary>
/// <remarks>Not a module and not held in a module field, so the networks' state dicts keep only the GRU's keys.
/// Creating the cell draws no numbers from the global torch generator (its own initial weights are drawn under a saved
/// and restored generator state, then replaced), so seeded runs are unchanged. <see cref="Bind"/> again after the GRU's
/// parameters were replaced rather than updated in place (a move to another device).</remarks>
internal sealed class GruStepCell : IDisposable
{
    private readonly GRUCell _cell;
    private readonly GRU _gru;

    /// <summary>Creates a cell bound to <paramref name="gru"/>, which must have one layer.</summary>
    public GruStepCell(GRU gru, long inputSize, long hiddenSize)
    {
        _gru = gru;
        using (var state = torch.get_rng_state())
        {
            _cell = nn.GRUCell(inputSize, hiddenSize);
            torch.set_rng_state(state);
        }

        // The cell's own initial weights, as registered (the property getters would make new wrappers instead).
        var own = _cell.parameters().ToArray();
        Bind();
        foreach (var parameter in own)
        {
            parameter.Dispose();
        }
    }

    /// <summary>The next hidden state <c>[batch, hidden]</c> for inputs <c>[batch, input]</c> and hidden state
    /// <c>[batch, hidden]</c>.</summary>
    public Tensor Step(Tensor input, Tensor hidden) => _cell.call(input, hidden);

    /// <summary>Points the cell at the GRU's current weight tensors.</summary>
    public void Bind()
    {
        _cell.weight_ih = Parameter("weight_ih_l0");
        _cell.weight_hh = Parameter("weight_hh_l0");
        _cell.bias_ih = Parameter("bias_ih_l0");
        _cell.bias_hh = Parameter("bias_hh_l0");
    }

    /// <summary>Disposes the cell but not the GRU's weights: disposing a module disposes the parameters it holds, so
    /// the cell is first pointed at empty placeholders.</summary>
    public void Dispose()
    {
        Parameter[] placeholders = [Placeholder(), Placeholder(), Placeholder(), Placeholder()];
        _cell.weight_ih = placeholders[0];
        _cell.weight_hh = placeholders[1];
        _cell.bias_ih = placeholders[2];
        _cell.bias_hh = placeholders[3];
        _cell.Dispose();
        foreach (var placeholder in placeholders)
        {
            placeholder.Dispose();
        }
    }

    /// <summary>An empty parameter for the cell to hold while it is disposed; the tensor it wraps is disposed here.</summary>
    private static Parameter Placeholder()
    {
        using var empty = torch.empty(0);
        return new Parameter(empty);
    }

    private Parameter Parameter(string name) =>
        _gru.get_parameter(name) ?? throw new InvalidOperationException($"The GRU has no parameter '{name}' (a one-layer GRU with biases is required).");
}
