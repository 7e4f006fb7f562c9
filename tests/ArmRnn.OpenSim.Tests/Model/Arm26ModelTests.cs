using ArmRnn.OpenSim.Model;

namespace ArmRnn.OpenSim.Tests.Model;

/// <summary>The built-in Arm26 is, bit for bit, what the reader makes of the reference file.</summary>
public sealed class Arm26ModelTests
{
    [Fact]
    public void The_built_in_model_equals_the_reference_file_exactly()
    {
        var loaded = OsimModelReader.Read(OsimTestFiles.ReferencePath);

        var builtIn = Arm26Model.Create();

        Assert.Null(ModelDescriptionComparer.Exact.FindFirstDifference(loaded, builtIn));
        Assert.True(ModelDescriptionComparer.Exact.Equals(loaded, builtIn));
        Assert.Equal(ModelDescriptionComparer.Exact.GetHashCode(loaded), ModelDescriptionComparer.Exact.GetHashCode(builtIn));
    }

    [Fact]
    public void The_built_in_model_needs_no_file_and_is_fresh_each_time()
    {
        var first = Arm26Model.Create();
        var second = Arm26Model.Create();

        Assert.NotSame(first, second);
        Assert.NotSame(first.Muscles, second.Muscles);
        Assert.Null(ModelDescriptionComparer.Exact.FindFirstDifference(first, second));
        Assert.Equal(Arm26Model.Name, first.Name);
        Assert.Equal(["TRIlong", "TRIlat", "TRImed", "BIClong", "BICshort", "BRA"], first.Muscles.Select(m => m.Name));
    }
}
