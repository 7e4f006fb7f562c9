using System.Runtime.CompilerServices;
using ArmRnn.Torch.Training;

namespace ArmRnn.Torch.Tests.Training;

/// <summary><see cref="TrainingMemory.ReleaseAfterPeriod"/>: what the trainers run between epochs.</summary>
public sealed class TrainingMemoryTests
{
    [Fact]
    public void Garbage_in_the_oldest_generation_is_collected()
    {
        // A 1 MB array lives on the large-object heap, which only a full (generation 2) collection frees; the
        // collector would otherwise leave it there until its own budget runs out. The release must free it.
        var garbage = AllocateUnreferencedLargeArray();
        TrainingMemory.ReleaseAfterPeriod();
        Assert.False(garbage.IsAlive, "A large array that nothing references survived the release.");
    }

    [Fact]
    public void Finalizers_of_forgotten_objects_have_run_when_it_returns()
    {
        // Undisposed tensors free their native storage in finalizers; the release waits for them so that the C heap
        // trim that follows can hand their pages back.
        var finalized = new StrongBox<bool>(false);
        CreateForgottenObject(finalized);
        TrainingMemory.ReleaseAfterPeriod();
        Assert.True(finalized.Value, "The finalizer of an unreferenced object had not run when the release returned.");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference AllocateUnreferencedLargeArray() => new(new byte[1024 * 1024]);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CreateForgottenObject(StrongBox<bool> flag) => _ = new FlagsWhenFinalized(flag);

    private sealed class FlagsWhenFinalized(StrongBox<bool> flag)
    {
        ~FlagsWhenFinalized() => flag.Value = true;
    }
}
