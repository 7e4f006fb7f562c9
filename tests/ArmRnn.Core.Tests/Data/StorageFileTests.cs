using ArmRnn.Data;
using ArmRnn.Tests.Shared;

namespace ArmRnn.Core.Tests.Data;

public sealed class StorageFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Reference(string relative) => Path.Combine(RepositoryPaths.SharedReference, relative);

    [Fact]
    public void Read_ForwardControls_HasHeaderCountsLabelsAndValues()
    {
        var path = Reference("arm26_forward_physiological_controls.sto");

        var table = StorageFile.Read(path);

        Assert.Equal("controls", table.Name);
        Assert.Equal(1, table.Version);
        Assert.False(table.InDegrees);
        Assert.Equal(348, table.RowCount);
        Assert.Equal(7, table.ColumnCount);
        Assert.Equal(["time", "TRIlong", "TRIlat", "TRImed", "BIClong", "BICshort", "BRA"], table.ColumnLabels);
        Assert.Equal(path, table.SourcePath);

        // Values read by eye from the file (first, second and last rows); the parser must reproduce them exactly.
        Assert.Equal([0.0, 0.00132034, 0.00522806, 0.00515800, 0.00728951, 0.00467805, 0.00296592], table.Row(0).ToArray());
        Assert.Equal(0.00116784, table.Time(1));
        Assert.Equal(0.00898134, table[1, "BIClong"]);
        Assert.Equal(1.0, table.Time(347));
        Assert.Equal(0.00001843, table[347, "BRA"]);
    }

    [Fact]
    public void Read_ForwardControls_HasNonUniformTime()
    {
        var times = StorageFile.Read(Reference("arm26_forward_physiological_controls.sto")).GetTimes();

        // Steps read by eye: 0 -> 0.00116784 -> 0.00379746.
        var first = times[1] - times[0];
        var second = times[2] - times[1];
        Assert.True(second > 2 * first, $"Expected non-uniform steps, got {first} then {second}.");
        Assert.True(times.Zip(times.Skip(1)).All(p => p.Second > p.First), "Times must increase.");
    }

    [Theory]
    [InlineData("physiological")]
    [InlineData("random_seed1")]
    [InlineData("random_seed2")]
    public void Read_OpenSim43States_Has101RowsAnd50Columns(string folder)
    {
        var table = StorageFile.Read(Reference(Path.Combine("opensim43", folder, "states.sto")));

        Assert.Equal("states", table.Name);
        Assert.Equal(101, table.RowCount);
        Assert.Equal(50, table.ColumnCount);
        Assert.Equal("time", table.ColumnLabels[0]);
        Assert.Equal("/jointset/r_shoulder/r_shoulder_elev/value", table.ColumnLabels[1]);
        Assert.Equal("/forceset/BRA|passive_fiber_force", table.ColumnLabels[49]);
        Assert.Equal(0.0, table.Time(0));
        Assert.Equal(1.0, table.Time(100));
    }

    [Fact]
    public void Read_Seed1States_FirstRowsMatchTheFile()
    {
        var table = StorageFile.Read(Reference("opensim43/random_seed1/states.sto"));

        // Values read by eye from lines 8 and 9 of the file.
        Assert.Equal(-0.012545, table[0, "/markerset/r_radius_styloid|location_x"]);
        Assert.Equal(0.26701, table[0, "/markerset/r_radius_styloid|location_y"]);
        Assert.Equal(0.05, table[0, "/forceset/TRIlong/activation"]);
        Assert.Equal(0.1361745459, table[0, "/forceset/TRIlong/fiber_length"]);
        Assert.Equal(1.64493032e-11, table[0, "/forceset/TRIlong|fiber_velocity"]);
        Assert.Equal(40.72708584, table[0, "/forceset/TRIlong|tendon_force"]);
        Assert.Equal(14.50511506, table[0, "/forceset/BRA|passive_fiber_force"]);
        Assert.Equal(0.01, table.Time(1));
        Assert.Equal(-0.0005202952085, table[1, "/jointset/r_shoulder/r_shoulder_elev/value"]);
        Assert.Equal(0.001270847338, table[1, "/jointset/r_elbow/r_elbow_flex/value"]);
        Assert.Equal(0.4151321163, table[1, "/forceset/TRIlong/activation"]);
    }

    [Theory]
    [InlineData("physiological")]
    [InlineData("random_seed1")]
    [InlineData("random_seed2")]
    public void Read_OpenSim43Controls_Has101RowsAnd7Columns(string folder)
    {
        var table = StorageFile.Read(Reference(Path.Combine("opensim43", folder, "controls.sto")));

        Assert.Equal(101, table.RowCount);
        Assert.Equal(7, table.ColumnCount);
        Assert.Equal(["time", "TRIlong", "TRIlat", "TRImed", "BIClong", "BICshort", "BRA"], table.ColumnLabels);
    }

    [Fact]
    public void Read_Seed1ControlsAndInitialState_MatchTheFile()
    {
        var controls = StorageFile.Read(Reference("opensim43/random_seed1/controls.sto"));
        var initial = StorageFile.Read(Reference("opensim43/random_seed1/initial_state.sto"));
        var states = StorageFile.Read(Reference("opensim43/random_seed1/states.sto"));

        // Read by eye from the files.
        Assert.Equal(0.5983390369, controls[0, "TRIlong"]);
        Assert.Equal(0.5907129981, controls[1, "TRIlong"]);
        Assert.Equal(0.3206544692, controls[1, "BRA"]);
        Assert.Equal(1, initial.RowCount);
        Assert.Equal(50, initial.ColumnCount);
        Assert.Equal(states.ColumnLabels, initial.ColumnLabels);

        // The initial state is the first row of the run's states.
        Assert.Equal(states.Row(0).ToArray(), initial.Row(0).ToArray());
    }

    [Theory]
    [InlineData("arm26_forward_physiological_controls.sto")]
    [InlineData("opensim43/physiological/states.sto")]
    [InlineData("opensim43/random_seed1/controls.sto")]
    [InlineData("opensim43/random_seed2/initial_state.sto")]
    public void WriteThenRead_ReferenceFiles_IsExact(string relative)
    {
        var original = StorageFile.Read(Reference(relative));
        var path = _folder.File("copy.sto");

        StorageFile.Write(path, original);
        var copy = StorageFile.Read(path);

        AssertSameTable(original, copy);
    }

    [Fact]
    public void WriteThenRead_AwkwardValuesMetadataAndNotes_IsExact()
    {
        var rows = new[]
        {
            new[] { 0.0, 0.1, -0.0, double.NaN },
            new[] { 0.1 + 0.2, 1.0 / 3.0, double.PositiveInfinity, double.NegativeInfinity },
            new[] { 1e-300, double.Epsilon, double.MaxValue, -123456789.123456789 },
        };
        var table = new StorageTable(
            "odd table",
            ["time", "a", "/forceset/m|tendon_force", "c d"],
            rows,
            inDegrees: true,
            metadata: [new StorageMetadataEntry("DataType", "double"), new StorageMetadataEntry("OpenSimVersion", "4.3")],
            headerNotes: ["Units are S.I. units (second, meters, Newtons, ...)"]);
        var path = _folder.File("sub/odd.sto");

        StorageFile.Write(path, table);
        var copy = StorageFile.Read(path);

        AssertSameTable(table, copy);
        Assert.True(copy.InDegrees);
        Assert.Equal(table.Metadata, copy.Metadata);
        Assert.Equal(table.HeaderNotes, copy.HeaderNotes);
        var text = File.ReadAllLines(path);
        Assert.Equal(["odd table", "version=1", "nRows=3", "nColumns=4", "inDegrees=yes"], text[..5]);
        Assert.Equal("endheader", text[8]);
        Assert.Equal("time\ta\t/forceset/m|tendon_force\tc d", text[9]);
    }

    [Fact]
    public void ConvertDegreesToRadians_ConvertsTheNamedColumnsAndClearsTheFlag()
    {
        var path = _folder.File("degrees.mot");
        File.WriteAllText(path, "Coordinates\nversion=1\nnRows=2\nnColumns=3\ninDegrees=yes\nendheader\ntime\tknee_angle_r\tpelvis_tx\n0\t90\t0.5\n0.01\t-45\t0.25\n");
        var table = StorageFile.Read(path);
        Assert.True(table.InDegrees);

        var radians = table.ConvertDegreesToRadians(["knee_angle_r"]);

        Assert.False(radians.InDegrees);
        Assert.True(table.InDegrees);

        // Hand computed: 90 deg = pi/2 rad, -45 deg = -pi/4 rad. Tolerance: one rounding in pi/180 and one in the
        // product, i.e. a couple of ulps of values near 1 (2.2e-16 each).
        const double tolerance = 1e-15;
        Assert.Equal(1.5707963267948966, radians[0, "knee_angle_r"], tolerance);
        Assert.Equal(-0.7853981633974483, radians[1, "knee_angle_r"], tolerance);

        // Translations stay in metres; the original table is unchanged.
        Assert.Equal(0.5, radians[0, "pelvis_tx"]);
        Assert.Equal(90.0, table[0, "knee_angle_r"]);
        Assert.Throws<InvalidOperationException>(() => radians.ConvertDegreesToRadians(["knee_angle_r"]));
        Assert.Throws<ArgumentException>(() => table.ConvertDegreesToRadians(["time"]));
    }

    [Fact]
    public void IndexOf_UnknownLabel_NamesTheFileAndSimilarLabels()
    {
        var path = Reference("opensim43/random_seed1/states.sto");
        var table = StorageFile.Read(path);

        var error = Assert.Throws<KeyNotFoundException>(() => table.IndexOf("/forceset/TRIlong/tendon_force"));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("'/forceset/TRIlong|tendon_force'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpolate_AtRowTimesIsExact_MidwayIsTheMean_OutsideFollowsTheMode()
    {
        var path = Reference("arm26_forward_physiological_controls.sto");
        var table = StorageFile.Read(path);

        for (var r = 0; r < table.RowCount; r += 17)
        {
            Assert.Equal(table[r, "BIClong"], table.Interpolate("BIClong", table.Time(r)));
        }

        // Midway between rows 1 and 2 (non-uniform spacing). Tolerance: the weight 0.5 is computed from rounded
        // times, so a few ulps of the values (~1e-2) remain: 1e-15 is ample.
        const double tolerance = 1e-15;
        var midway = (table.Time(1) + table.Time(2)) / 2;
        Assert.Equal((table[1, "BIClong"] + table[2, "BIClong"]) / 2, table.Interpolate("BIClong", midway), tolerance);
        var row = table.InterpolateRow(midway);
        Assert.Equal(table.ColumnCount, row.Length);
        Assert.Equal(midway, row[0], tolerance);

        // Outside: clamp holds the end value, linear extends the end segment, throw refuses.
        Assert.Equal(table[347, "BRA"], table.Interpolate("BRA", 2.0));
        Assert.Equal(table[0, "BRA"], table.Interpolate("BRA", -1.0));
        var slope = (table[347, "BRA"] - table[346, "BRA"]) / (table.Time(347) - table.Time(346));

        // Tolerance: slope x 1 s extrapolation, with a few ulps of rounding in the slope (values ~1e-5).
        Assert.Equal(table[347, "BRA"] + slope, table.Interpolate("BRA", 2.0, StorageExtrapolation.Linear), 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Interpolate("BRA", 1.5, StorageExtrapolation.Throw));
    }

    [Fact]
    public void Read_RowCountDisagreesWithNRows_NamesTheHeaderLine()
    {
        var path = Write("nrows.sto", "controls\nversion=1\nnRows=3\nnColumns=2\ninDegrees=no\nendheader\ntime\ta\n0\t1\n0.1\t2\n");

        var error = Assert.Throws<DatasetFormatException>(() => StorageFile.Read(path));

        Assert.Equal(3, error.LineNumber);
        Assert.Contains($"{path}, line 3:", error.Message, StringComparison.Ordinal);
        Assert.Contains("nRows=3", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 data rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ColumnCountDisagreesWithNColumns_NamesTheHeaderLine()
    {
        var path = Write("ncols.sto", "controls\nversion=1\nnRows=1\nnColumns=3\nendheader\ntime\ta\n0\t1\n");

        var error = Assert.Throws<DatasetFormatException>(() => StorageFile.Read(path));

        Assert.Equal(4, error.LineNumber);
        Assert.Contains("nColumns=3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonNumericCell_NamesTheLineAndColumn()
    {
        var path = Write("cell.sto", "controls\nnRows=3\nnColumns=3\nendheader\ntime\ta\tb\n0\t1\t2\n0.1\t1\t2\n0.2\tabc\t2\n");

        var error = Assert.Throws<DatasetFormatException>(() => StorageFile.Read(path));

        Assert.Equal(8, error.LineNumber);
        Assert.Contains($"{path}, line 8:", error.Message, StringComparison.Ordinal);
        Assert.Contains("'abc'", error.Message, StringComparison.Ordinal);
        Assert.Contains("('a')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowWithTooFewValues_NamesTheLine()
    {
        var path = Write("short.sto", "controls\nendheader\ntime\ta\tb\n0\t1\t2\n0.1\t1\n");

        var error = Assert.Throws<DatasetFormatException>(() => StorageFile.Read(path));

        Assert.Equal(5, error.LineNumber);
        Assert.Contains("expected 3 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingEndheader_SaysSoAndNamesTheLine()
    {
        var path = Write("noend.sto", "controls\nversion=1\nnRows=1\nnColumns=2\ntime\ta\n0\t1\n");

        var error = Assert.Throws<DatasetFormatException>(() => StorageFile.Read(path));

        Assert.Contains("endheader", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.LineNumber);
        Assert.Contains($"{path}, line 6:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_Throws()
    {
        var path = Write("empty.sto", string.Empty);

        var error = Assert.Throws<DatasetFormatException>(() => StorageFile.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BinaryFile_Throws()
    {
        var path = _folder.File("binary.sto");
        File.WriteAllBytes(path, [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x01]);

        var error = Assert.Throws<DatasetFormatException>(() => StorageFile.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadInDegreesAndDuplicateLabels_NameTheLine()
    {
        var degrees = Write("deg.sto", "controls\ninDegrees=maybe\nendheader\ntime\ta\n");
        var duplicate = Write("dup.sto", "controls\nendheader\ntime\ta\ta\n");

        Assert.Equal(2, Assert.Throws<DatasetFormatException>(() => StorageFile.Read(degrees)).LineNumber);
        Assert.Equal(3, Assert.Throws<DatasetFormatException>(() => StorageFile.Read(duplicate)).LineNumber);
    }

    [Fact]
    public void Read_CSpellingsOfNonFiniteValues_AndSpaceSeparatedRows()
    {
        var path = Write("c.sto", "c\nendheader\ntime\ta\tb\tc\n0   nan   -inf  INFINITY\n");

        var table = StorageFile.Read(path);

        Assert.True(double.IsNaN(table[0, "a"]));
        Assert.Equal(double.NegativeInfinity, table[0, "b"]);
        Assert.Equal(double.PositiveInfinity, table[0, "c"]);
    }

    private string Write(string name, string content)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, content);
        return path;
    }

    private static void AssertSameTable(StorageTable expected, StorageTable actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.InDegrees, actual.InDegrees);
        Assert.Equal(expected.ColumnLabels, actual.ColumnLabels);
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.Metadata, actual.Metadata);
        Assert.Equal(expected.HeaderNotes, actual.HeaderNotes);
        for (var row = 0; row < expected.RowCount; row++)
        {
            var e = expected.Row(row);
            var a = actual.Row(row);
            for (var column = 0; column < e.Length; column++)
            {
                Assert.True(
                    BitConverter.DoubleToInt64Bits(e[column]) == BitConverter.DoubleToInt64Bits(a[column]),
                    $"Row {row}, column {column}: expected {e[column]:R}, read {a[column]:R}.");
            }
        }
    }
}
