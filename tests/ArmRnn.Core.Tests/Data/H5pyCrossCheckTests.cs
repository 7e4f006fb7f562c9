using System.Diagnostics;
using System.Text.Json;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Tests.Shared;

namespace ArmRnn.Core.Tests.Data;

public sealed class H5pyCrossCheckTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [H5pyFact]
    public void FileWrittenByDotNet_HasTheDocumentedLayoutInH5py()
    {
        var provenance = new Dictionary<string, string> { ["plant"] = "arm26", ["seed"] = "1234", ["note"] = "ü and spaces" };
        var batch = TrajectoryBatchSamples.Random(seed: 99, Arm26Layout.Full, batchSize: 3, steps: 11, excitations: 6, taskInputs: 3, generation: 2, provenance, dt: 0.01);
        var h5Path = _folder.File("cross-check.h5");
        TrajectoryBatchHdf5.Write(h5Path, batch);

        var values = new List<object>();
        void Probe(string dataset, TrajectoryArray array, int b, int t, int c, bool dropTime = false)
        {
            var value = array[b, t, c];
            if (double.IsFinite(value))
            {
                values.Add(new { dataset, index = dropTime ? new[] { b, c } : new[] { b, t, c }, value });
            }
        }

        Probe("initial_states", batch.InitialStates, 2, 0, 48, dropTime: true);
        Probe("initial_states", batch.InitialStates, 0, 0, 0, dropTime: true);
        for (var i = 0; i < 20; i++)
        {
            Probe("states", batch.States, i % 3, (i * 5) % 11, (i * 13) % 49);
        }

        Probe("states", batch.States, 2, 10, 48);
        Probe("excitations", batch.Excitations, 1, 7, 5);
        Probe("task_inputs", batch.TaskInputs.Values, 2, 3, 2);

        var expected = new
        {
            batch_size = batch.BatchSize,
            steps = batch.Steps,
            channels = batch.Layout.Count,
            excitations = batch.ExcitationNames.Count,
            task_inputs = batch.TaskInputs.Names.Count,
            dt = batch.Dt,
            generation = batch.Generation,
            layout_name = batch.Layout.Name,
            channel_names = batch.Layout.ChannelNames,
            channel_units = batch.Layout.Channels.Select(c => c.Unit).ToArray(),
            channel_groups = batch.Layout.Channels.Select(c => c.Group.Name).ToArray(),
            excitation_names = batch.ExcitationNames,
            task_input_names = batch.TaskInputs.Names,
            provenance,
            values,
        };
        var jsonPath = _folder.File("expected.json");
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(expected));
        var script = Path.Combine(RepositoryPaths.Root, "tests", "python", "check_trajectory_h5.py");

        var (exitCode, output, error) = Run(H5pyFactAttribute.Python, script, h5Path, jsonPath);

        Assert.True(exitCode == 0, $"check_trajectory_h5.py exited with {exitCode}.\nstderr:\n{error}\nstdout:\n{output}");
    }

    private static (int ExitCode, string Output, string Error) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var errorTask = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        var error = errorTask.GetAwaiter().GetResult();
        process.WaitForExit();
        return (process.ExitCode, output, error);
    }
}
