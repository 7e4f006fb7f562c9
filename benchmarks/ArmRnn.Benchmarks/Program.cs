using System.Globalization;
using ArmRnn.Benchmarks;
using BenchmarkDotNet.Running;

// Run all:    dotnet run -c Release --project benchmarks/ArmRnn.Benchmarks -- --filter '*'
// Run one:    dotnet run -c Release --project benchmarks/ArmRnn.Benchmarks -- --filter '*ClosedLoop*'
// Memory:     dotnet run -c Release --project benchmarks/ArmRnn.Benchmarks -- memory [iterations] [threads]
if (args.Length > 0 && args[0] == "memory")
{
    var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
    var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
    return ArmNetMemoryCheck.Run(iterations, threads);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
return 0;
