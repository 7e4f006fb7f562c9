using System.Diagnostics;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Tests.TestSupport;
using TorchSharp;
using TorchSharp.PyBridge;
using Xunit.Abstractions;

namespace ArmRnn.Torch.Tests.Checkpoints;

[Collection(TorchCollection.Name)]
public sealed class PyTorchExportTests(ITestOutputHelper output)
{
    [Fact]
    public void An_exported_state_dict_imports_back_into_an_identical_network()
    {
        var data = PointMassData.Generate(trajectories: 4, steps: 15, seed: 6);
        using var net = PointMassNetworks.CreateArmNet(data, hidden: 10);
        using var other = PointMassNetworks.CreateArmNet(data, hidden: 10, seed: 42);
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "armnet.pt");

        PyTorchStateDict.Export(net, path);
        PyTorchStateDict.Import(other, path);

        Assert.True(File.Exists(path + PyTorchStateDict.MetadataSuffix));
        Assert.Equal(net.Predict(data.InitialStates, data.Excitations).AsSpan().ToArray(), other.Predict(data.InitialStates, data.Excitations).AsSpan().ToArray());
    }

    [PyTorchFact]
    public void An_exported_ArmNet_run_in_PyTorch_matches_the_CSharp_output_to_1e_5()
    {
        var data = PointMassData.Generate(trajectories: 5, steps: 40, seed: 6);
        using var net = PointMassNetworks.CreateArmNet(data, hidden: 24);
        using var folder = new TemporaryFolder();
        var weights = Path.Combine(folder.Path, "armnet.pt");
        var io = Path.Combine(folder.Path, "io.pt");
        PyTorchStateDict.Export(net, weights);

        using (var scope = torch.NewDisposeScope())
        using (torch.no_grad())
        {
            var excitations = ToTensor(data.Excitations);
            var initial = ToTensor(data.InitialStates).squeeze(1);
            var expected = net.forward(excitations, net.Normalize(initial));
            PyTorchPickler.PickleStateDict(io, new Dictionary<string, torch.Tensor>
            {
                ["excitations"] = excitations,
                ["initial_states"] = initial,
                ["expected"] = expected,
            });
        }

        var script = Path.Combine(AppContext.BaseDirectory, "python", "check_armnet_export.py");
        using var process = Process.Start(new ProcessStartInfo(PyTorchFactAttribute.Python, [script, weights, io])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        output.WriteLine(stdout);
        output.WriteLine(stderr);
        Assert.True(process.ExitCode == 0, $"the PyTorch check failed ({process.ExitCode}): {stdout} {stderr}");
    }

    private static torch.Tensor ToTensor(Data.TrajectoryArray array) =>
        torch.tensor(array.AsSpan().ToArray().Select(v => (float)v).ToArray(), [array.BatchSize, array.Steps, array.Channels]);
}
