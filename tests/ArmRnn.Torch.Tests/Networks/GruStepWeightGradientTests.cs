using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Tests.TestSupport;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ArmRnn.Torch.Tests.Networks;

/// <summary>
/// The weight gradients of <see cref="GruStepCell"/>'s steps, which are gathered in the cell over a backward pass and
/// reach the weights once (<c>GruWeightTapFunction</c>): passes that never reach the weights must leave nothing behind,
/// and several episodes in one pass must each get theirs.
/// </summary>
/// <remarks>The reference is the same loss run on a fresh cell over a copy of the GRU: the same operations in the same
/// order, so the gradients must be equal bit for bit; rows of another pass mixed in would change them at the scale of
/// the gradients themselves.</remarks>
[Collection(TorchCollection.Name)]
public sealed class GruStepWeightGradientTests
{
    private const int Inputs = 3;
    private const int Hidden = 24;
    private const int Batch = 50;
    private const int Steps = 30; // 1,500 rows: more than one gathering chunk of 1,024

    [Avx2Fact]
    public void A_pass_for_the_initial_state_alone_leaves_nothing_for_the_next_graphs_weights()
    {
        using var scope = torch.NewDisposeScope();
        var (gru, input, h0) = Setup(31);
        using var cell = new GruStepCell(gru, Inputs, Hidden);

        // torch.autograd.grad for h0 only runs the step nodes, not the weights' tap: their rows stay pending.
        var first = SteppedLosses.OfEveryState(cell, input, h0.requires_grad_(), Steps);
        var h0Gradient = torch.autograd.grad([first], [h0])[0];
        Assert.True(h0Gradient.abs().sum().item<float>() > 0);

        var loss = SteppedLosses.OfEveryState(cell, input, h0, Steps);
        gru.zero_grad();
        loss.backward();

        AssertSameGradients(Expected(gru, input, h0, Steps), gru);
    }

    [Avx2Fact]
    public void A_pass_for_the_initial_state_alone_then_the_full_pass_over_the_same_graph_counts_each_row_once()
    {
        using var scope = torch.NewDisposeScope();
        var (gru, input, h0) = Setup(32);
        using var cell = new GruStepCell(gru, Inputs, Hidden);

        var loss = SteppedLosses.OfEveryState(cell, input, h0.requires_grad_(), Steps);
        torch.autograd.grad([loss], [h0], retain_graph: true);
        gru.zero_grad();
        loss.backward();

        AssertSameGradients(Expected(gru, input, h0, Steps), gru);
    }

    [Avx2Fact]
    public void A_pass_for_a_later_episodes_initial_state_leaves_nothing_for_an_earlier_episodes_weights()
    {
        // Each Bind starts a new tap: rows pending for another tap are stale even though its steps are newer.
        using var scope = torch.NewDisposeScope();
        var (gru, input, h0) = Setup(35);
        using var cell = new GruStepCell(gru, Inputs, Hidden);
        var earlier = SteppedLosses.OfEveryState(cell, input, h0, Steps);
        cell.Bind();
        var laterH0 = h0.detach().clone().requires_grad_();
        torch.autograd.grad([SteppedLosses.OfEveryState(cell, input, laterH0, Steps)], [laterH0]);

        gru.zero_grad();
        earlier.backward();

        AssertSameGradients(Expected(gru, input, h0, Steps), gru);
    }

    [Avx2Fact]
    public void Two_episodes_in_one_backward_pass_each_hand_their_gradients_to_the_weights()
    {
        // A Bind between the episodes (what the networks' Reset does) gives the second its own tap; one backward pass
        // through both must give each episode's gradient, summed: a + b is the same bits in either order.
        using var scope = torch.NewDisposeScope();
        var (gru, input, h0) = Setup(33);
        using var cell = new GruStepCell(gru, Inputs, Hidden);
        var secondInput = torch.randn(Batch, Inputs);

        var both = SteppedLosses.OfEveryState(cell, input, h0, Steps);
        cell.Bind();
        both = both + SteppedLosses.OfEveryState(cell, secondInput, h0, Steps / 2);
        gru.zero_grad();
        both.backward();

        var expected = Expected(gru, input, h0, Steps)
            .Zip(Expected(gru, secondInput, h0, Steps / 2), (a, b) => b + a)
            .ToList();
        AssertSameGradients(expected, gru);
    }

    [Avx2Fact]
    public void Rows_of_an_older_graph_that_cannot_be_told_apart_give_NaN_and_the_next_step_says_why()
    {
        // Two graphs from one Bind; a pass for the second's initial state alone, then the full pass over the first: the
        // first's steps are older than the pending rows, so nothing marks those rows stale, but the tap receives fewer
        // rows than are pending. An exception cannot cross LibTorch's engine: the gradients are NaN, the next step throws.
        using var scope = torch.NewDisposeScope();
        var (gru, input, h0) = Setup(34);
        using var cell = new GruStepCell(gru, Inputs, Hidden);
        var older = SteppedLosses.OfEveryState(cell, input, h0, 5);
        var secondH0 = h0.detach().clone().requires_grad_();
        var newer = SteppedLosses.OfEveryState(cell, input, secondH0, 5);
        torch.autograd.grad([newer], [secondH0]);

        gru.zero_grad();
        older.backward();

        Assert.All(gru.parameters(), p => Assert.True(p.grad!.isnan().all().item<bool>(), "the weight gradients must be NaN"));
        var failure = Assert.Throws<InvalidOperationException>(() => cell.Step(input, h0));
        Assert.Contains("Bind", failure.Message, StringComparison.Ordinal);
        Assert.Contains("NaN", failure.Message, StringComparison.Ordinal);

        // Reported once; the cell works again.
        gru.zero_grad();
        SteppedLosses.OfEveryState(cell, input, h0, 5).backward();
        Assert.All(gru.parameters(), p => Assert.False(p.grad!.isnan().any().item<bool>()));
    }

    private static (GRU Gru, Tensor Input, Tensor H0) Setup(int seed)
    {
        torch.manual_seed(seed);
        var gru = nn.GRU(Inputs, Hidden, 1, batchFirst: true);
        return (gru, torch.randn(Batch, Inputs), torch.rand(Batch, Hidden) - 0.5);
    }

    // The parameters' gradients of the same loss through a fresh cell over a copy of the GRU.
    private static List<Tensor> Expected(GRU gru, Tensor input, Tensor h0, int steps)
    {
        var copy = nn.GRU(Inputs, Hidden, 1, batchFirst: true);
        copy.load_state_dict(gru.state_dict());
        using var cell = new GruStepCell(copy, Inputs, Hidden);
        SteppedLosses.OfEveryState(cell, input, h0.detach(), steps).backward();
        return copy.parameters().Select(p => p.grad!.clone()).ToList();
    }

    private static void AssertSameGradients(List<Tensor> expected, GRU gru)
    {
        var actual = gru.parameters().Select(p => p.grad!).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].abs().max().item<float>() > 0, $"parameter {i}: the reference gradient is zero");
            var difference = (expected[i] - actual[i]).abs().max().item<float>();
            Assert.True(difference == 0, $"parameter {i}: largest difference {difference:E2} from the same loss on a fresh cell");
        }
    }
}
