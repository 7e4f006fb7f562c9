using System.Globalization;
using ArmRnn.Benchmarks;
using ArmRnn.Torch.Platform;
using BenchmarkDotNet.Running;

// Run all:    dotnet run -c Release --project benchmarks/ArmRnn.Benchmarks -- --filter '*'
// Run one:    dotnet run -c Release --project benchmarks/ArmRnn.Benchmarks -- --filter '*ClosedLoop*'
// Memory:     dotnet run -c Release --project benchmarks/ArmRnn.Benchmarks -- memory [iterations] [threads] [mmap threshold bytes]
if (args.Length > 0 && args[0] == "memory")
{
    var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
    var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
    // The trainer collects garbage and hands free heap pages back after every epoch (TrainingMemory); a fourth
    // argument also fixes glibc's mmap threshold (NativeHeapTuning.UseFixedMmapThreshold), the slower alternative.
    if (args.Length > 3)
    {
        var threshold = int.Parse(args[3], CultureInfo.InvariantCulture);
        Console.WriteLine(NativeHeapTuning.UseFixedMmapThreshold(threshold)
            ? $"malloc: mmap threshold fixed at {threshold} bytes"
            : "This C library has no glibc mmap threshold to fix; running with its defaults.");
    }

    return ArmNetMemoryCheck.Run(iterations, threads);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
return 0;
