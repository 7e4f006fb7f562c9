using ArmRnn.OpenSim.Native;
using ArmRnn.Options;

namespace ArmRnn.Native.Tests;

public sealed class NativePlantOptionsTests
{
    [Fact]
    public void Defaults_are_valid_once_a_model_is_given()
    {
        var options = new NativePlantOptions { ModelPath = "model.osim" };
        Assert.Empty(options.GetValidationErrors());
        Assert.Equal(NativeEngine.OpenSim, options.Engine);
        Assert.Equal(0.01, options.ControlStep);
        Assert.Equal(1e-5, options.Accuracy);
    }

    [Fact]
    public void Every_invalid_value_is_named()
    {
        var options = new NativePlantOptions { ControlStep = 0, Accuracy = -1, IntegrationStep = 0.5, Channels = [], LibraryPath = " " };
        var error = Assert.Throws<ArgumentException>(() => options.EnsureValid());
        foreach (var name in new[] { "ModelPath", "ControlStep", "Accuracy", "IntegrationStep", "Channels", "LibraryPath" })
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_library_path_that_does_not_exist_is_reported_with_how_to_build_one()
    {
        var path = Path.Combine(Path.GetTempPath(), $"armrnn-no-such-folder-{Guid.NewGuid():N}", "libarmrnn_plant.so");
        // Only meaningful before any library is loaded in this process; afterwards an explicit different path is
        // refused for that reason instead, which the message also says.
        var error = Assert.ThrowsAny<Exception>(() => new NativePlant(new NativePlantOptions { ModelPath = "m.xml", Engine = NativeEngine.MuJoCo, LibraryPath = path }));
        Assert.True(error is DllNotFoundException or InvalidOperationException, error.GetType().Name);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        if (error is DllNotFoundException)
        {
            Assert.Contains("cmake -S native -B build/native", error.Message, StringComparison.Ordinal);
        }
    }
}
