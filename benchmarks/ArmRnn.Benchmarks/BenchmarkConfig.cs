using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;

namespace ArmRnn.Benchmarks;

/// <summary>The configuration every ArmRnn benchmark shares: allocations measured, markdown and CSV exported.</summary>
public sealed class BenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public BenchmarkConfig()
    {
        AddJob(Job.Default);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddExporter(MarkdownExporter.GitHub);
        AddExporter(BenchmarkDotNet.Exporters.Csv.CsvExporter.Default);
        AddColumn(StatisticColumn.Median);
        AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default);
        AddColumnProvider(DefaultColumnProviders.Instance);
        WithOptions(ConfigOptions.JoinSummary);
    }
}
