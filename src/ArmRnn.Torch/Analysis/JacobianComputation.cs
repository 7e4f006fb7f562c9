using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Analysis;

/// <summary>Jacobians of a recurrent map by autograd: dense (one backward pass per output unit, batched over points)
/// and as Jacobian-vector products (double backward).</summary>
internal static class JacobianComputation
{
    /// <summary>The dense Jacobians <c>dF/dh</c> at each state (row i: dF_i/dh).</summary>
    public static double[][,] Dense(IRecurrentMap map, IReadOnlyList<double[]> states)
    {
        var n = map.StateSize;
        var count = states.Count;
        var result = new double[count][,];
        for (var p = 0; p < count; p++)
        {
            result[p] = new double[n, n];
        }

        if (count == 0)
        {
            return result;
        }

        using var scope = torch.NewDisposeScope();
        var flat = states.SelectMany(s => s).ToArray();
        var x = TensorHost.ToTensor(flat, count, n, map).requires_grad_(true);
        var y = map.Step(x);
        var row = new double[count * n];
        for (var i = 0; i < n; i++)
        {
            using var inner = torch.NewDisposeScope();
            var selector = torch.zeros_like(y);
            selector.select(1, i).fill_(1);
            var gradient = torch.autograd.grad([y], [x], [selector], retain_graph: true)[0];
            TensorHost.CopyTo(gradient, row);
            for (var p = 0; p < count; p++)
            {
                for (var j = 0; j < n; j++)
                {
                    result[p][i, j] = row[(p * n) + j];
                }
            }
        }

        return result;
    }
}
