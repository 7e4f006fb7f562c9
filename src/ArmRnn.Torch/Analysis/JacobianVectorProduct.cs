using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// Products <c>J·v</c> of a map's Jacobian at one state with vectors, without forming J: with <c>y = F(h)</c> and
/// <c>g(u) = Jᵀu</c> (a backward pass that keeps its graph), <c>J·v = d(vᵀ g(u))/du</c> (a second backward pass).
/// </summary>
/// <remarks>Holds the graph of one evaluation of F until disposed. Memory: one graph of F at batch 1, independent
/// of the number of products.</remarks>
internal sealed class JacobianVectorProduct : IDisposable
{
    private readonly IRecurrentMap _map;
    private readonly Tensor _u;
    private readonly Tensor _g;

    public JacobianVectorProduct(IRecurrentMap map, double[] state)
    {
        _map = map;
        // The C# handles of x and y go with the scope; the autograd graph keeps what it needs alive natively.
        using var scope = torch.NewDisposeScope();
        var x = TensorHost.ToTensor(state, 1, state.Length, map).requires_grad_(true);
        var y = map.Step(x);
        var u = torch.zeros_like(y).requires_grad_(true);
        var g = torch.autograd.grad([y], [x], [u], retain_graph: true, create_graph: true)[0];
        _u = u.DetachFromDisposeScope();
        _g = g.DetachFromDisposeScope();
    }

    /// <summary>J·v for a host vector of length n.</summary>
    public double[] Apply(double[] v)
    {
        using var scope = torch.NewDisposeScope();
        var direction = TensorHost.ToTensor(v, 1, v.Length, _map);
        var product = torch.autograd.grad([_g], [_u], [direction], retain_graph: true)[0];
        var result = new double[v.Length];
        TensorHost.CopyTo(product, result);
        return result;
    }

    public void Dispose()
    {
        _g.Dispose();
        _u.Dispose();
    }
}
