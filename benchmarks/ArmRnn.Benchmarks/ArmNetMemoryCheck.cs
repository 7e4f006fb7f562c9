using System.Diagnostics;
using System.Globalization;
using ArmRnn.Datasets;
using ArmRnn.Excitation;
using ArmRnn.Plants;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Training;
using TorchSharp;

namespace ArmRnn.Benchmarks;

/// <summary>
/// A benchmark-style memory check (not a BenchmarkDotNet benchmark): trains ArmNet at full size (1024 GRU units, batch
/// 128, 100-step trajectories of the point-mass plant, one minibatch per epoch, no validation) for a number of
/// iterations and prints the process's resident set size after each, then whether it stayed within 5% of its
/// post-warm-up level. Run: <c>dotnet run -c Release --project benchmarks/ArmRnn.Benchmarks -- memory [iterations]
/// [threads]</c> (defaults 200 and 2).
/// </summary>
public static class ArmNetMemoryCheck
{
    /// <summary>Iterations treated as warm-up (allocator pools and Adam's state fill up).</summary>
    private const int WarmUp = 10;

    /// <summary>Runs the check; returns 0 when RSS stayed within 5% after warm-up, 1 otherwise.</summary>
    /// <param name="iterations">Training iterations (one minibatch each).</param>
    /// <param name="threads">Torch intra-op threads.</param>
    public static int Run(int iterations, int threads)
    {
        torch.set_num_threads(threads);
        var plant = new PointMassPlant();
        var data = new GeneratedDatasetSource(
            plant,
            new SmoothRandomExcitation(new SmoothRandomExcitationOptions { CutoffFrequency = 2.0 }),
            new DatasetShapeOptions { BatchSize = 128, BatchCount = 1, Steps = 100, Seed = 1 }).ReadBatches().Single();
        torch.manual_seed(1);
        using var armNet = new ArmNet(data.Layout, data.ExcitationNames, data.Dt, ChannelNormalization.FromData(data, data.Layout), new ArmNetOptions { HiddenSize = 1024 }, torch.CPU);
        var options = ArmNetTrainingOptions.Default();
        options.BatchSize = 128;
        options.Epochs = iterations;
        options.ValidationFraction = 0;
        options.EarlyStoppingPatience = 0;
        var rss = new List<double>();
        var anon = new List<double>();
        var watch = Stopwatch.StartNew();
        var trainer = new ArmNetTrainer(options);
        trainer.EpochCompleted += (_, report) =>
        {
            using var process = Process.GetCurrentProcess();
            var megabytes = process.WorkingSet64 / (1024.0 * 1024.0);
            rss.Add(megabytes);
            var managed = GC.GetTotalMemory(forceFullCollection: false) / (1024.0 * 1024.0);
            var (anonymous, fileBacked) = ResidentParts();
            anon.Add(anonymous);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"iteration {report.Epoch + 1,4}: RSS {megabytes,7:F1} MB = anonymous {anonymous,7:F1} + file-backed {fileBacked,6:F1} (+ shared memory) (managed heap {managed,6:F1} MB), {watch.Elapsed.TotalSeconds,7:F1} s"));
        };
        trainer.Train(armNet, data);

        var settled = rss.Skip(WarmUp).ToArray();
        var reference = settled[0];
        var low = settled.Min();
        var high = settled.Max();
        var flat = high <= reference * 1.05 && low >= reference * 0.95;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"after {WarmUp} warm-up iterations: RSS {low:F1} to {high:F1} MB against {reference:F1} MB at iteration {WarmUp + 1} (highest {(high / reference - 1) * 100:F1}%, lowest {(low / reference - 1) * 100:F1}%): {(flat ? "flat within 5%" : "NOT within 5%")}; {watch.Elapsed.TotalSeconds / rss.Count:F2} s per iteration on {threads} threads"));
        var settledAnonymous = anon.Skip(WarmUp).ToArray();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"anonymous memory (heap, tensors; not mapped library pages): {settledAnonymous.Min():F1} to {settledAnonymous.Max():F1} MB against {settledAnonymous[0]:F1} MB at iteration {WarmUp + 1} (highest {(settledAnonymous.Max() / settledAnonymous[0] - 1) * 100:F1}%)"));
        return flat ? 0 : 1;
    }

    /// <summary>The resident set split into anonymous memory (heaps, tensor storage) and pages of mapped files (the
    /// libtorch libraries' code and data as it is touched), in MB, from Linux's <c>/proc/self/status</c>; NaN
    /// elsewhere.</summary>
    private static (double Anonymous, double FileBacked) ResidentParts()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return (double.NaN, double.NaN);
        }

        double Read(string[] lines, string key)
        {
            var line = lines.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }

        var lines = File.ReadAllLines(status);
        return (Read(lines, "RssAnon:"), Read(lines, "RssFile:"));
    }
}
