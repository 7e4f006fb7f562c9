using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Platform;
using ArmRnn.Torch.Tests.TestSupport;
using TorchSharp;

namespace ArmRnn.Torch.Tests.Networks;

[Collection(TorchCollection.Name)]
public sealed class DeviceTests
{
    [Fact]
    public void The_default_device_is_cuda_only_when_available_and_names_parse()
    {
        var expected = torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU;
        if (Environment.GetEnvironmentVariable(TorchDevice.EnvironmentVariable) is null)
        {
            Assert.Equal(expected, TorchDevice.Default.type);
        }

        Assert.Equal(DeviceType.CPU, TorchDevice.Resolve("cpu").type);
        if (!torch.cuda.is_available())
        {
            var error = Assert.Throws<ArgumentException>(() => TorchDevice.Parse("cuda"));
            Assert.Contains("CUDA is not available", error.Message, StringComparison.Ordinal);
        }
    }

    [CudaFact]
    public void An_ArmNet_on_the_GPU_predicts_what_it_predicts_on_the_CPU()
    {
        var data = PointMassData.Generate(trajectories: 4, steps: 20, seed: 3);
        using var cpu = PointMassNetworks.CreateArmNet(data, hidden: 32);
        torch.manual_seed(1);
        using var gpu = new ArmNet(data.Layout, data.ExcitationNames, data.Dt, cpu.Normalization, cpu.Options, torch.CUDA);
        var a = cpu.Predict(data.InitialStates, data.Excitations).AsSpan().ToArray();
        var b = gpu.Predict(data.InitialStates, data.Excitations).AsSpan().ToArray();
        Assert.Equal(DeviceType.CUDA, gpu.Device.type);
        Assert.All(Enumerable.Range(0, a.Length), i => Assert.True(Math.Abs(a[i] - b[i]) < 1e-4 * Math.Max(1, Math.Abs(a[i]))));
    }
}
