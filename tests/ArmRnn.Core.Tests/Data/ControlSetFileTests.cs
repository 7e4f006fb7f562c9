using ArmRnn.Data;
using ArmRnn.Tests.Shared;

namespace ArmRnn.Core.Tests.Data;

public sealed class ControlSetFileTests : IDisposable
{
    private static readonly string[] Muscles = ["TRIlong", "TRIlat", "TRImed", "BIClong", "BICshort", "BRA"];

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Reference(string name) => Path.Combine(RepositoryPaths.SharedReference, name);

    private static ControlSet ReferenceControls() => ControlSetFile.Read(Reference("arm26_forward_physiological_controls.xml"));

    [Fact]
    public void Read_Arm26Controls_HasSixLinearControlsWithTheirProperties()
    {
        var set = ReferenceControls();

        Assert.Equal("Control Set", set.Name);
        Assert.Equal(Muscles, set.Names);
        foreach (var control in set.Controls)
        {
            var linear = Assert.IsType<LinearControl>(control);
            Assert.False(linear.UseSteps);
            Assert.True(linear.Extrapolate);
            Assert.True(linear.IsModelControl);
            Assert.False(linear.FilterOn);
            Assert.Equal(0.02, linear.DefaultMin);
            Assert.Equal(1.0, linear.DefaultMax);
            Assert.Equal(121, linear.Nodes.Count);
        }

        // Read by eye from the file: the first two and the last node of TRIlong (lines 14-19 and 494-495), the
        // last node of BRA (lines 2984-2985).
        var triLong = (LinearControl)set["TRIlong"];
        Assert.Equal(new ControlNode(-0.00000020, 0.00132037), triLong.Nodes[0]);
        Assert.Equal(new ControlNode(0.00833313, 0.00002321), triLong.Nodes[1]);
        Assert.Equal(new ControlNode(0.99999940, 0.00000395), triLong.Nodes[^1]);
        Assert.Equal(new ControlNode(0.99999940, 0.00001843), ((LinearControl)set["BRA"]).Nodes[^1]);
    }

    [Fact]
    public void Evaluate_AtNodeTimes_ReturnsTheNodeValues()
    {
        foreach (var control in ReferenceControls().Controls.Cast<LinearControl>())
        {
            foreach (var node in control.Nodes)
            {
                Assert.Equal(node.Value, control.Evaluate(node.Time));
            }
        }
    }

    [Fact]
    public void Evaluate_MidwayBetweenNodes_ReturnsTheMean()
    {
        // Tolerance: the midpoint time and the slope are each rounded once, which moves the result by a few ulps
        // of the values (all below 1), far below 1e-15.
        const double tolerance = 1e-15;
        foreach (var control in ReferenceControls().Controls.Cast<LinearControl>())
        {
            for (var i = 0; i + 1 < control.Nodes.Count; i++)
            {
                var (a, b) = (control.Nodes[i], control.Nodes[i + 1]);
                Assert.Equal((a.Value + b.Value) / 2, control.Evaluate((a.Time + b.Time) / 2), tolerance);
            }
        }
    }

    [Fact]
    public void Evaluate_AtTheStoTimes_AgreesWithTheStoExportOfTheSameControls()
    {
        var set = ReferenceControls();
        var sto = StorageFile.Read(Reference("arm26_forward_physiological_controls.sto"));

        // Tolerance: both files print 8 decimals. The .sto value is rounded (<= 5e-9), the node values are rounded
        // (<= 5e-9, carried through interpolation weights that sum to 1), and the node times are rounded (<= 5e-9 s,
        // times the steepest slope in the file, 1.88 /s: <= 9.4e-9). Sum: 1.94e-8. Measured maximum: 1.01e-8.
        const double tolerance = 2e-8;
        var worst = 0.0;
        for (var row = 0; row < sto.RowCount; row++)
        {
            var values = set.Evaluate(Muscles, sto.Time(row));
            for (var m = 0; m < Muscles.Length; m++)
            {
                var difference = Math.Abs(values[m] - sto[row, Muscles[m]]);
                worst = Math.Max(worst, difference);
                Assert.True(difference <= tolerance, $"{Muscles[m]} at t = {sto.Time(row)}: xml {values[m]:R}, sto {sto[row, Muscles[m]]:R}.");
            }
        }

        // The comparison is meaningful: the two exports are not identical to the last digit.
        Assert.True(worst > 0);
    }

    [Fact]
    public void Evaluate_FollowsOpenSimStepAndExtrapolationRules()
    {
        var path = Write(
            "rules.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <OpenSimDocument Version="40000">
              <ControlSet name="rules">
                <objects>
                  <ControlLinear name="linear">
                    <x_nodes>
                      <ControlLinearNode><t>1</t><value>10</value></ControlLinearNode>
                      <ControlLinearNode><t>2</t><value>20</value></ControlLinearNode>
                      <ControlLinearNode><t>4</t><value>0</value></ControlLinearNode>
                    </x_nodes>
                  </ControlLinear>
                  <ControlLinear name="held">
                    <extrapolate>false</extrapolate>
                    <x_nodes>
                      <ControlLinearNode><t>1</t><value>10</value></ControlLinearNode>
                      <ControlLinearNode><t>2</t><value>20</value></ControlLinearNode>
                    </x_nodes>
                  </ControlLinear>
                  <ControlLinear name="steps">
                    <use_steps> true </use_steps>
                    <x_nodes>
                      <ControlLinearNode><t>1</t><value>10</value></ControlLinearNode>
                      <ControlLinearNode><t>2</t><value>20</value></ControlLinearNode>
                      <ControlLinearNode><t>3</t><value>30</value></ControlLinearNode>
                    </x_nodes>
                  </ControlLinear>
                  <ControlConstant name="constant">
                    <value>0.25</value>
                  </ControlConstant>
                  <ControlLinear name="no nodes" />
                </objects>
                <groups/>
              </ControlSet>
            </OpenSimDocument>
            """);

        var set = ControlSetFile.Read(path);

        // Exact: all values are small binary fractions or integers.
        var linear = set["linear"];
        Assert.Equal(15.0, linear.Evaluate(1.5));
        Assert.Equal(10.0, linear.Evaluate(3.0));
        Assert.Equal(0.0, linear.Evaluate(0.0));    // extrapolated through the first two nodes
        Assert.Equal(-10.0, linear.Evaluate(5.0));  // extrapolated through the last two nodes
        Assert.Equal(0.0, linear.Evaluate(4.0));
        var held = set["held"];
        Assert.Equal(10.0, held.Evaluate(0.0));
        Assert.Equal(20.0, held.Evaluate(9.0));
        var steps = set["steps"];
        Assert.Equal(10.0, steps.Evaluate(1.0));
        Assert.Equal(20.0, steps.Evaluate(1.5));    // (t1, t2] takes node 2's value
        Assert.Equal(20.0, steps.Evaluate(2.0));
        Assert.Equal(30.0, steps.Evaluate(2.0001));
        Assert.Equal(10.0, steps.Evaluate(0.0));    // steps never extrapolate
        Assert.Equal(30.0, steps.Evaluate(7.0));
        Assert.Equal(0.25, Assert.IsType<ConstantControl>(set["constant"]).Evaluate(123.0));
        Assert.True(double.IsNaN(set["no nodes"].Evaluate(0.5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => linear.Evaluate(double.NaN));
    }

    [Fact]
    public void Read_UnsupportedControlType_NamesTheElementAndLine()
    {
        var path = Write(
            "bangbang.xml",
            "<OpenSimDocument>\n<ControlSet>\n<objects>\n<ControlBangBang name=\"TRIlong\"/>\n</objects>\n</ControlSet>\n</OpenSimDocument>\n");

        var error = Assert.Throws<DatasetFormatException>(() => ControlSetFile.Read(path));

        Assert.Equal(4, error.LineNumber);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("ControlBangBang", error.Message, StringComparison.Ordinal);
        Assert.Contains("TRIlong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MalformedValue_NamesTheControlAndLine()
    {
        var path = Write(
            "bad-value.xml",
            "<OpenSimDocument>\n<ControlSet>\n<objects>\n<ControlLinear name=\"BRA\">\n<x_nodes>\n<ControlLinearNode>\n<t>zero</t>\n<value>1</value>\n</ControlLinearNode>\n</x_nodes>\n</ControlLinear>\n</objects>\n</ControlSet>\n</OpenSimDocument>\n");

        var error = Assert.Throws<DatasetFormatException>(() => ControlSetFile.Read(path));

        Assert.Equal(7, error.LineNumber);
        Assert.Contains("'BRA'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'zero'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<OpenSimDocument><ControlSet><objects>")]
    [InlineData("just text")]
    [InlineData("<model><body/></model>")]
    public void Read_NotAControlSet_ThrowsNamingTheFile(string content)
    {
        var path = Write("not-controls.xml", content);

        var error = Assert.Throws<DatasetFormatException>(() => ControlSetFile.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_UnknownName_ListsTheControls()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => ReferenceControls()["BIC"]);

        Assert.Contains("'BIClong'", error.Message, StringComparison.Ordinal);
        Assert.Contains("arm26_forward_physiological_controls.xml", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, content);
        return path;
    }
}
