using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Csv;

namespace ArmRnn.Benchmarks;

/// <summary>The configuration every ArmRnn benchmark shares: BenchmarkDotNet's defaults (jobs chosen on the command
/// line with <c>--job</c>), allocations measured, CSV exported beside the markdown.</summary>
public sealed class BenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddExporter(CsvExporter.Default);
    }
}
