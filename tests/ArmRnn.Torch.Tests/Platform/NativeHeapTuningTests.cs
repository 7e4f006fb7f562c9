using System.Runtime.InteropServices;
using ArmRnn.Torch.Platform;

namespace ArmRnn.Torch.Tests.Platform;

public sealed class NativeHeapTuningTests
{
    /// <summary>glibc's chunk header: the size word just before the returned pointer, whose bit 1 (IS_MMAPPED) says the
    /// block has its own mapping (malloc.c, "chunk representations").</summary>
    private const long IsMmappedBit = 0x2;

    [Fact]
    public void With_a_fixed_threshold_a_mid_sized_block_after_a_large_free_still_gets_its_own_mapping()
    {
        if (!OperatingSystem.IsLinux() || !IsGlibc())
        {
            // Elsewhere there is nothing to tune, and the call says so.
            Assert.False(NativeHeapTuning.UseFixedMmapThreshold());
            return;
        }

        Assert.True(NativeHeapTuning.UseFixedMmapThreshold());

        // Without the fix, freeing an 8 MiB mapped block raises glibc's dynamic threshold to 8 MiB, and the next
        // 1 MiB block comes from the heap (IS_MMAPPED clear): the pattern that fragments LibTorch's heap. With the
        // threshold fixed at 128 KiB, the 1 MiB block is mapped on its own, so freeing it returns it to the system.
        // (Marshal.AllocHGlobal is malloc on Unix.)
        var large = Marshal.AllocHGlobal(8 * 1024 * 1024);
        Marshal.FreeHGlobal(large);
        var block = Marshal.AllocHGlobal(1024 * 1024);
        try
        {
            var size = Marshal.ReadInt64(block, -sizeof(long));
            Assert.True((size & IsMmappedBit) != 0, $"The 1 MiB block came from the heap (chunk size word 0x{size:x}).");
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    }

    [Fact]
    public void Releasing_free_memory_hands_back_freed_heap_blocks()
    {
        if (!OperatingSystem.IsLinux() || !IsGlibc())
        {
            Assert.False(NativeHeapTuning.ReleaseFreeMemory());
            return;
        }

        // 16 MiB of 64 KiB blocks (below any mmap threshold, so from the heap), written to so their pages are resident,
        // then freed except the last, which pins the heap's top: glibc cannot shrink the heap by itself, and only
        // malloc_trim's release of whole free pages inside the heap gives them back (it returns 1 when it did).
        const int blockSize = 64 * 1024;
        var blocks = new IntPtr[256];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(blockSize);
            for (var offset = 0; offset < blockSize; offset += 4096)
            {
                Marshal.WriteByte(blocks[i], offset, 1);
            }
        }

        for (var i = 0; i < blocks.Length - 1; i++)
        {
            Marshal.FreeHGlobal(blocks[i]);
        }

        try
        {
            Assert.True(NativeHeapTuning.ReleaseFreeMemory());
        }
        finally
        {
            Marshal.FreeHGlobal(blocks[^1]);
        }
    }

    [Theory]
    [InlineData(100)]
    [InlineData(64 * 1024 * 1024)]
    public void Thresholds_outside_what_glibc_accepts_are_refused(int threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NativeHeapTuning.UseFixedMmapThreshold(threshold));

    private static bool IsGlibc()
    {
        try
        {
            return NativeLibrary.TryLoad("libc.so.6", out var handle) && NativeLibrary.TryGetExport(handle, "gnu_get_libc_version", out _);
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }
}
