using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Csv;

namespace ArmRnn.Benchmarks;

/// <summary>The configuration every ArmRnn benchmark shares: BenchmarkDotNet's defaults (jobs chosen on the command
/// line with <c>--job</c>), allocations measured, median and minimum beside the mean (the PyTorch comparison script
/// reports the same two statistics, so that like is compared with like), CSV exported beside the markdown.</summary>
public sealed class BenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min);
        AddExporter(CsvExporter.Default);
    }
}
