using ArmRnn.Benchmarks;
using BenchmarkDotNet.Running;

// Run all:    dotnet run -c Release --project benchmarks/ArmRnn.Benchmarks -- --filter '*'
// Run one:    dotnet run -c Release --project benchmarks/ArmRnn.Benchmarks -- --filter '*ClosedLoop*'
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
