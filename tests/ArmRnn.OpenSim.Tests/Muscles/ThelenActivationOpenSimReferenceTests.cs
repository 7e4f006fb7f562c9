using System.Globalization;
using ArmRnn.OpenSim.Engine.Muscles;
using Xunit.Abstractions;

namespace ArmRnn.OpenSim.Tests.Muscles;

/// <summary>
/// <see cref="ThelenMuscle.ActivationDerivative"/> integrated against the activation of real OpenSim 4.3 runs of Arm26.
/// </summary>
/// <remarks>
/// Activation dynamics depend on nothing but the excitation, so a fine fixed-step RK4 of the derivative, driven by the
/// excitations OpenSim received, must reproduce OpenSim's activation up to OpenSim's own integration error (Runge-Kutta-
/// Merson at accuracy 1e-5: isolated errors up to about 1e-4 next to the kinks of the piecewise-linear excitations,
/// which do not accumulate since the dynamics are contractive). Two facts of OpenSim 4.3 show in these files:
/// the excitation is not clamped to [minimum activation, 1] (only the activation is), so excitations below 0.01 drive the
/// activation state below 0.01 and even below 0; and the activation channel reports the clamped activation
/// (<c>Muscle::getActivation</c>), not that raw state. The physiological run starts from an activation state of 0
/// (SOURCES.md), which its file reports as 0.01.
/// </remarks>
public sealed class ThelenActivationOpenSimReferenceTests
{
    /// <summary>RK4 steps per 10 ms row.</summary>
    private const int StepsPerRow = 100;

    /// <summary>OpenSim's integration error, observed up to 1.1e-4; far below the 0.005 the engine must meet.</summary>
    private const double Tolerance = 3e-4;

    private readonly ITestOutputHelper _output;

    public ThelenActivationOpenSimReferenceTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Runs => new() { "physiological", "random_seed1", "random_seed2" };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Integrated_activation_derivative_reproduces_OpenSims_activation(string run)
    {
        StoTable states = StoTable.Read(Path.Combine(Arm26Muscles.ReferenceFolder, "opensim43", run, "states.sto"));
        StoTable controls = Controls(run);
        foreach (string name in Arm26Muscles.Names)
        {
            var muscle = new ThelenMuscle(Arm26Muscles.Parameters[name]);
            double maxError = Integrate(muscle, states, controls, name, InitialActivationState(run, states, name), clampExcitation: false, out double lowest);
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run} {name}: max activation error {maxError:g3} (lowest activation state {lowest:g3})"));
            Assert.True(maxError <= Tolerance, $"{run} {name}: max activation error {maxError}");
        }
    }

    [Fact]
    public void OpenSim_does_not_clamp_the_excitation()
    {
        // Excitations below 0.01 (TRImed's, early in the physiological run) pull the activation state below 0.01; it
        // must climb back before the clamped activation rises. Clamping the excitation would skip that and rise about
        // 3e-3 too early; starting the state at 0.01 instead of 0 would make BIClong rise 6e-3 too early.
        StoTable states = StoTable.Read(Path.Combine(Arm26Muscles.ReferenceFolder, "opensim43", "physiological", "states.sto"));
        StoTable controls = Controls("physiological");
        double clamped = 0.0;
        double startAtMinimum = 0.0;
        foreach (string name in Arm26Muscles.Names)
        {
            var muscle = new ThelenMuscle(Arm26Muscles.Parameters[name]);
            Assert.True(Integrate(muscle, states, controls, name, 0.0, clampExcitation: false, out _) <= Tolerance);
            clamped = Math.Max(clamped, Integrate(muscle, states, controls, name, 0.0, clampExcitation: true, out _));
            startAtMinimum = Math.Max(startAtMinimum, Integrate(muscle, states, controls, name, 0.01, clampExcitation: false, out _));
        }

        Assert.True(clamped > 2e-3, $"clamped excitation: max error {clamped}");
        Assert.True(startAtMinimum > 5e-3, $"state starting at 0.01: max error {startAtMinimum}");
    }

    [Fact]
    public void Physiological_controls_file_samples_the_original_controls()
    {
        // The 10 ms samples of the physiological run are the linear interpolation of the original 348-sample controls,
        // which is what OpenSim received; between samples the original is not linear, so the tests use the original.
        StoTable sampled = Controls("physiological", sampledEvery10ms: true);
        StoTable original = Controls("physiological");
        foreach (string name in Arm26Muscles.Names)
        {
            int s = sampled.IndexOf(name);
            int o = original.IndexOf(name);
            foreach (double[] row in sampled.Rows)
            {
                double expected = original.Interpolate(o, row[0]);
                Assert.True(Math.Abs(row[s] - expected) <= PrintedPrecision.HalfUnit(row[s]) + 1e-8, $"{name} t {row[0]}: {row[s]} vs {expected}");
            }
        }
    }

    /// <summary>
    /// The excitations OpenSim received. The random runs' excitations are piecewise linear with nodes every 50 ms, so the
    /// 10 ms samples of their controls.sto interpolate them exactly; the physiological run's are the original controls.
    /// </summary>
    private static StoTable Controls(string run, bool sampledEvery10ms = false) =>
        run == "physiological" && !sampledEvery10ms
            ? StoTable.Read(Path.Combine(Arm26Muscles.ReferenceFolder, "arm26_forward_physiological_controls.sto"))
            : StoTable.Read(Path.Combine(Arm26Muscles.ReferenceFolder, "opensim43", run, "controls.sto"));

    /// <summary>The activation state at t = 0: 0 for the physiological run (SOURCES.md), else the file's first row.</summary>
    private static double InitialActivationState(string run, StoTable states, string name) =>
        run == "physiological" ? 0.0 : states.Rows[0][states.IndexOf($"/forceset/{name}/activation")];

    private static double Integrate(ThelenMuscle muscle, StoTable states, StoTable controls, string name, double initial, bool clampExcitation, out double lowest)
    {
        int ia = states.IndexOf($"/forceset/{name}/activation");
        int ic = controls.IndexOf(name);
        double Excitation(double t)
        {
            double u = controls.Interpolate(ic, t);
            return clampExcitation ? Math.Clamp(u, muscle.MinimumActivation, 1.0) : u;
        }

        double a = initial;
        lowest = a;
        double maxError = Math.Abs(muscle.ClampActivation(a) - states.Rows[0][ia]);
        for (int row = 1; row < states.Rows.Length; row++)
        {
            double t0 = states.Rows[row - 1][0];
            double h = (states.Rows[row][0] - t0) / StepsPerRow;
            for (int k = 0; k < StepsPerRow; k++)
            {
                double t = t0 + k * h;
                double k1 = muscle.ActivationDerivative(Excitation(t), a);
                double k2 = muscle.ActivationDerivative(Excitation(t + 0.5 * h), a + 0.5 * h * k1);
                double k3 = muscle.ActivationDerivative(Excitation(t + 0.5 * h), a + 0.5 * h * k2);
                double k4 = muscle.ActivationDerivative(Excitation(t + h), a + h * k3);
                a += h * (k1 + 2.0 * k2 + 2.0 * k3 + k4) / 6.0;
                lowest = Math.Min(lowest, a);
            }

            maxError = Math.Max(maxError, Math.Abs(muscle.ClampActivation(a) - states.Rows[row][ia]));
        }

        return maxError;
    }
}
