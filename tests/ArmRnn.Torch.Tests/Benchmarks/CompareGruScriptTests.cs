using System.Diagnostics;
using System.Globalization;
using ArmRnn.Tests.Shared;
using ArmRnn.Torch.Tests.TestSupport;

namespace ArmRnn.Torch.Tests.Benchmarks;

/// <summary>
/// <c>benchmarks/compare_gru.py</c>, the side-by-side comparison of the GRU benchmarks with PyTorch, composing its
/// tables from result files whose numbers are chosen here, so every ratio, rate and share is known independently.
/// </summary>
public sealed class CompareGruScriptTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("compare-gru-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Python3Fact]
    public void Ratios_rates_and_peak_shares_follow_from_the_result_files()
    {
        var (gru, peak, t1, t2) = WriteResults(withMin: true);

        var (exit, output, error) = Run("--dotnet-csv", gru, "--peak-csv", peak, "--pytorch-json", t1, t2, "--stamp", "test");

        Assert.True(exit == 0, error);
        // Peaks: ours 2·1024³ FLOP in a median 21 ms and a best 20 ms (1 thread), 11 and 10 ms (2 threads); PyTorch's
        // median and best 70 and 80 GFLOP/s (1 thread), 250 and 300 (2 threads); the table uses the better of the two
        // per thread count and statistic.
        var median1 = 2 * Math.Pow(1024, 3) / 0.021 / 1e9;
        var best1 = 2 * Math.Pow(1024, 3) / 0.020 / 1e9;
        Assert.Contains($"| 1 | {Format(median1, "F1")} / {Format(best1, "F1")} GFLOP/s | 70.0 / 80.0 GFLOP/s | {Format(median1, "F1")} / {Format(best1, "F1")} GFLOP/s |",
            output, StringComparison.Ordinal);
        Assert.Contains("| 2 | 195.2 / 214.7 GFLOP/s | 250.0 / 300.0 GFLOP/s | 250.0 / 300.0 GFLOP/s |", output, StringComparison.Ordinal);
        // One thread: GRUCell, H 1024, B 128, forward: 12,000 vs 10,000 µs (medians), 11,000 vs 10,000 (minima);
        // 2·3·1024·(6 + 1024)·128 FLOP per step. Shares like for like: the median step against the median peak, the
        // fastest step against the best peak.
        var flops = 2.0 * 3 * 1024 * 1030 * 128;
        var cellRate = flops / 12_000e-6 / 1e9;
        var (cellMedianShare, cellBestShare) = (100 * cellRate / median1, 100 * flops / 11_000e-6 / 1e9 / best1);
        Assert.Contains(
            $"| GRUCell steps | 1024 | 128 | no | 12,000.0 | 10,000.0 | 1.20 | 1.10 | {Format(cellRate, "F1")} | {Format(cellMedianShare, "F0")}% / {Format(cellBestShare, "F0")}% |",
            output,
            StringComparison.Ordinal);
        // Two threads: nn.GRU, H 256, B 1, forward + backward (three times the forward's FLOP): 200 vs 100 µs (medians),
        // 150 vs 100 (minima).
        var sequenceFlops = 3 * 2.0 * 3 * 256 * 262 * 1;
        var sequenceRate = sequenceFlops / 200e-6 / 1e9;
        Assert.Contains(
            $"| GRU sequence | 256 | 1 | yes | 200.0 | 100.0 | 2.00 | 1.50 | {Format(sequenceRate, "F1")} | {Format(100 * sequenceRate / 250, "F0")}% / {Format(100 * sequenceFlops / 150e-6 / 1e9 / 300, "F0")}% |",
            output,
            StringComparison.Ordinal);
        Assert.Contains("- 1 thread(s): 1 row(s) slower than PyTorch by more than 10%: GRUCell steps H1024 B128 1.20;", output, StringComparison.Ordinal);
        Assert.Contains($"best hidden-1024 row: {Format(cellMedianShare, "F0")}% of the peak (medians), {Format(cellBestShare, "F0")}% (minima).",
            output, StringComparison.Ordinal);
        Assert.Contains("- 2 thread(s): 1 row(s) slower than PyTorch by more than 10%: GRU sequence H256 B1 fwd+bwd 2.00; no hidden-1024 row.", output, StringComparison.Ordinal);
    }

    [Python3Fact]
    public void The_marked_section_of_a_document_is_replaced_and_the_rest_kept()
    {
        var (gru, peak, t1, t2) = WriteResults(withMin: true);
        var document = Path.Combine(_folder, "benchmarks.md");
        File.WriteAllText(document, "# Before\n<!-- compare_gru:begin -->\nold table\n<!-- compare_gru:end -->\nAfter\n");

        var (exit, _, error) = Run("--dotnet-csv", gru, "--peak-csv", peak, "--pytorch-json", t1, t2, "--stamp", "test", "--update", document);

        Assert.True(exit == 0, error);
        var text = File.ReadAllText(document);
        Assert.StartsWith("# Before\n<!-- compare_gru:begin -->\nMeasured test by", text, StringComparison.Ordinal);
        Assert.EndsWith("<!-- compare_gru:end -->\nAfter\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("old table", text, StringComparison.Ordinal);
        Assert.Contains("| 1.20 | 1.10 |", text, StringComparison.Ordinal);
        // Written through a private temporary file, the document must still end up readable by others (umask 022;
        // the test runs where /usr/bin/python3 is, so on Unix).
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(document).HasFlag(UnixFileMode.OtherRead), $"{document} lost its read permission: {File.GetUnixFileMode(document)}");
        }
    }

    [Python3Fact]
    public void A_report_without_the_minimum_column_is_refused_naming_file_and_column()
    {
        var (gru, peak, t1, t2) = WriteResults(withMin: false);

        var (exit, _, error) = Run("--dotnet-csv", gru, "--peak-csv", peak, "--pytorch-json", t1, t2);

        Assert.Equal(1, exit);
        Assert.Contains(gru, error, StringComparison.Ordinal);
        Assert.Contains("'Min'", error, StringComparison.Ordinal);
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private (string Gru, string Peak, string Threads1, string Threads2) WriteResults(bool withMin)
    {
        var gru = Path.Combine(_folder, "gru.csv");
        // BenchmarkDotNet quotes values with thousands separators and writes µs as the Greek mu.
        File.WriteAllText(gru, withMin
            ? "Method,Job,Hidden,Batch,Backward,Threads,Mean,Median,Min\n"
              + "GruCellSteps,ShortRun,1024,128,False,1,\"12,500.0 \u03bcs\",\"12,000.0 \u03bcs\",\"11,000.0 \u03bcs\"\n"
              + "GruSequence,ShortRun,256,1,True,2,210.0 \u03bcs,200.0 \u03bcs,150.0 \u03bcs\n"
            : "Method,Job,Hidden,Batch,Backward,Threads,Mean,Median\nGruCellSteps,ShortRun,1024,128,False,1,1 ms,1 ms\n");
        var peak = Path.Combine(_folder, "peak.csv");
        File.WriteAllText(peak, "Method,Threads,Mean,Median,Min\nMatMul1024,1,21 ms,21 ms,20.0 ms\nMatMul1024,2,11 ms,11 ms,10.0 ms\n");
        var t1 = Path.Combine(_folder, "t1.json");
        File.WriteAllText(t1, """
            {"torch_version": "1.13", "threads": 1, "matmul_gflops": {"median": 70, "best": 80},
             "rows": [{"operation": "GRUCell steps", "hidden": 1024, "batch": 128, "backward": false, "median_us": 10000, "min_us": 10000}]}
            """);
        var t2 = Path.Combine(_folder, "t2.json");
        File.WriteAllText(t2, """
            {"torch_version": "1.13", "threads": 2, "matmul_gflops": {"median": 250, "best": 300},
             "rows": [{"operation": "GRU sequence", "hidden": 256, "batch": 1, "backward": true, "median_us": 100, "min_us": 100}]}
            """);
        return (gru, peak, t1, t2);
    }

    private static (int Exit, string Output, string Error) Run(params string[] arguments)
    {
        var script = Path.Combine(RepositoryPaths.Root, "benchmarks", "compare_gru.py");
        using var process = Process.Start(new ProcessStartInfo(DebianPython.Path, [script, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"{DebianPython.Path} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }
}
