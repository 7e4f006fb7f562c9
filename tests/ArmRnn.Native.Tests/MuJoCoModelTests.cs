using System.Text.RegularExpressions;
using ArmRnn.Layouts;
using ArmRnn.Native.Tests.TestSupport;
using ArmRnn.OpenSim.Native;
using ArmRnn.Tests.Shared;

namespace ArmRnn.Native.Tests;

/// <summary>What the MuJoCo engine reports about the shared arm, checked against the header and the model's XML.</summary>
public sealed class MuJoCoModelTests
{
    [MuJoCoFact]
    public void The_library_implements_the_ABI_version_of_the_header()
    {
        var header = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "native", "include", "armrnn_plant.h"));
        var version = int.Parse(Regex.Match(header, @"#define ARMRNN_ABI_VERSION (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(version, NativePlant.LibraryAbiVersion());
        Assert.True(NativePlant.IsEngineAvailable(NativeEngine.MuJoCo));
    }

    [MuJoCoFact]
    public void Excitations_are_the_actuators_and_channels_follow_the_model()
    {
        using var plant = MuJoCoArm.Open();
        var muscles = MuJoCoArm.Names("actuator", "muscle");
        Assert.Equal(["SF", "SE", "EF", "EE", "BF", "BE"], muscles);
        Assert.Equal(muscles, plant.ExcitationNames);
        Assert.Equal(0.01, plant.Dt);

        var joints = MuJoCoArm.JointNames();
        var tendons = MuJoCoArm.Names("tendon", "spatial");
        var sites = MuJoCoArm.SiteNames();
        string[] expected =
        [
            .. joints.Select(j => $"qpos/{j}"),
            .. joints.Select(j => $"qvel/{j}"),
            .. muscles.Select(m => $"act/{m}"),
            .. muscles.Select(m => $"actuator_force/{m}"),
            .. muscles.Select(m => $"actuator_length/{m}"),
            .. tendons.Select(t => $"ten_length/{t}"),
            .. sites.SelectMany(s => new[] { $"site_xpos/{s}/x", $"site_xpos/{s}/y", $"site_xpos/{s}/z" }),
        ];
        Assert.Equal(expected, plant.Layout.ChannelNames);
        Assert.Equal(ChannelGroup.JointAngle, plant.Layout["qpos/elbow"].Group);
        Assert.Equal("rad", plant.Layout["qpos/elbow"].Unit);
        Assert.Equal(ChannelGroup.JointSpeed, plant.Layout["qvel/elbow"].Group);
        Assert.Equal(ChannelGroup.Activation, plant.Layout["act/EF"].Group);
        Assert.Equal("EF", plant.Layout["act/EF"].Element);
        Assert.Equal(new ChannelGroup("site_position"), plant.Layout["site_xpos/s7/y"].Group);

        // qpos, qvel and act are MuJoCo's state, and what a reset reads.
        string[] state = [.. expected.Where(n => n.StartsWith("qpos/", StringComparison.Ordinal) || n.StartsWith("qvel/", StringComparison.Ordinal) || n.StartsWith("act/", StringComparison.Ordinal))];
        Assert.Equal(state, plant.EngineStateChannels);
        Assert.Equal(state, plant.ResetInputChannels);
    }

    [MuJoCoFact]
    public void The_default_state_is_the_model_at_qpos0_with_sites_where_the_XML_puts_them()
    {
        using var plant = MuJoCoArm.Open();
        var state = plant.DefaultState;
        var layout = plant.Layout;
        Assert.Equal(0, state[layout.IndexOf("qpos/shoulder")]);
        Assert.Equal(0, state[layout.IndexOf("qvel/elbow")]);
        // At q = 0 every body frame is aligned with the world: the forearm starts at x = 0.5 m, so its site s7
        // (local 0.11, 0.05, 0) is at (0.61, 0.05, 0) and the upper-arm site s3 (0.4, 0.06, 0) where the XML says.
        Assert.Equal(0.61, state[layout.IndexOf("site_xpos/s7/x")], 12);
        Assert.Equal(0.05, state[layout.IndexOf("site_xpos/s7/y")], 12);
        Assert.Equal(0.4, state[layout.IndexOf("site_xpos/s3/x")], 12);
        Assert.Equal(0.06, state[layout.IndexOf("site_xpos/s3/y")], 12);
    }

    [MuJoCoFact]
    public void A_missing_model_file_is_a_native_error_that_names_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"armrnn-missing-{Guid.NewGuid():N}.xml");
        var error = Assert.Throws<NativePlantException>(() => new NativePlant(new NativePlantOptions { Engine = NativeEngine.MuJoCo, ModelPath = path }));
        Assert.Equal(NativeStatus.Model, error.Status);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [MuJoCoFact]
    public void A_malformed_model_file_brings_back_MuJoCos_parser_message()
    {
        var path = Path.Combine(Path.GetTempPath(), $"armrnn-bad-{Guid.NewGuid():N}.xml");
        File.WriteAllText(path, "<mujoco model=\"broken\">\n  <worldbody>\n    <body><geom type=\"sphere\" size=\"0.1\"/>\n</mujoco>\n");
        try
        {
            var error = Assert.Throws<NativePlantException>(() => new NativePlant(new NativePlantOptions { Engine = NativeEngine.MuJoCo, ModelPath = path }));
            Assert.Equal(NativeStatus.Model, error.Status);
            Assert.Contains("MuJoCo could not load the model", error.Message, StringComparison.Ordinal);
            Assert.Contains("XML", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [MuJoCoFact]
    public void A_wrong_excitation_count_is_rejected_by_the_library_with_both_counts()
    {
        using var plant = MuJoCoArm.Open();
        var states = new double[plant.Layout.Count];
        plant.Reset(plant.DefaultState, states);
        var error = Assert.Throws<ArgumentException>(() => plant.Step(new double[5], states));
        Assert.Contains("6 excitations need 6 values; got 5", error.Message, StringComparison.Ordinal);
    }

    [MuJoCoFact]
    public void A_control_step_that_is_not_a_multiple_of_the_timestep_is_rejected()
    {
        var timestep = MuJoCoArm.Timestep();
        var error = Assert.Throws<ArgumentException>(() => MuJoCoArm.Open(controlStep: 2.5 * timestep));
        Assert.Contains("whole multiple of MuJoCo's timestep (0.0050000000000000001 s)", error.Message, StringComparison.Ordinal);
    }

    [MuJoCoFact]
    public void An_out_of_range_excitation_names_the_muscle_and_arm()
    {
        using var plant = MuJoCoArm.Open();
        var states = new double[2 * plant.Layout.Count];
        var start = plant.DefaultState;
        plant.Reset([.. start, .. start], states);
        var excitations = new double[12];
        excitations[6 + 2] = 1.5;
        var error = Assert.Throws<ArmRnn.Excitation.ExcitationOutOfRangeException>(() => plant.Step(excitations, states));
        Assert.Contains("EF", error.Message, StringComparison.Ordinal);
    }

    [MuJoCoFact]
    public void Without_the_OpenSim_engine_opening_an_osim_model_says_how_to_build_it()
    {
        if (NativePlant.IsEngineAvailable(NativeEngine.OpenSim))
        {
            return; // this library has the engine; OpenSimEngineTests cover it
        }

        var error = Assert.Throws<NativePlantException>(() => new NativePlant(new NativePlantOptions
        {
            Engine = NativeEngine.OpenSim,
            ModelPath = Path.Combine(RepositoryPaths.SharedReference, "arm26.osim"),
        }));
        Assert.Equal(NativeStatus.EngineUnavailable, error.Status);
        Assert.Contains("-DOpenSim_DIR", error.Message, StringComparison.Ordinal);
    }

    [MuJoCoFact]
    public void Selected_channels_are_the_same_values_as_in_the_full_state()
    {
        string[] names = ["ten_length/EF", "qpos/elbow", "act/EF", "actuator_force/EF"];
        using var full = MuJoCoArm.Open();
        using var selected = MuJoCoArm.Open(channels: names);
        Assert.Equal(names, selected.Layout.ChannelNames);

        var fullStart = full.DefaultState;
        fullStart[full.Layout.IndexOf("qpos/elbow")] = 1.0;
        fullStart[full.Layout.IndexOf("qpos/shoulder")] = 0.0;
        var selectedStart = names.Select(n => fullStart[full.Layout.IndexOf(n)]).ToArray();
        var fullStates = new double[full.Layout.Count];
        var selectedStates = new double[names.Length];
        full.Reset(fullStart, fullStates);
        selected.Reset(selectedStart, selectedStates);
        double[] excitations = [0, 0, 0.7, 0, 0, 0];
        for (var step = 0; step < 10; step++)
        {
            full.Step(excitations, fullStates);
            selected.Step(excitations, selectedStates);
            Assert.Equal(names.Select(n => fullStates[full.Layout.IndexOf(n)]).ToArray(), selectedStates);
        }

        var error = Assert.Throws<ArgumentException>(() => MuJoCoArm.Open(channels: ["qpos/wrist"]));
        Assert.Contains("qpos/wrist", error.Message, StringComparison.Ordinal);
    }
}
