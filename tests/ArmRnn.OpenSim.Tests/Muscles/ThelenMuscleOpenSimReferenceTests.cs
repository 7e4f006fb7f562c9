using System.Globalization;
using ArmRnn.OpenSim.Engine.Muscles;
using Xunit.Abstractions;

namespace ArmRnn.OpenSim.Tests.Muscles;

/// <summary>
/// <see cref="ThelenMuscle"/> against real OpenSim 4.3 forward simulations of Arm26
/// (<c>shared/reference/opensim43/*/states.sto</c>; provenance in <c>shared/reference/SOURCES.md</c>).
/// </summary>
/// <remarks>
/// The files print every number with 10 significant digits, so inputs and outputs each carry a rounding of up to half a
/// unit in the tenth digit (relative 5e-10 at worst). An exact model therefore agrees with a printed output to within
/// that rounding plus the rounding of each printed input times the output's sensitivity to it. The tests compute this
/// bound per sample (sensitivities by one-sided differences) and require the error to stay below it, with a factor 2
/// for the linearisation. Measured: at most 0.99 of the bound; tendon force relative error at most about 5.4e-7
/// (the tendon is stiff, so the rounding of the fiber and path lengths dominates), passive force at most about 2.5e-7 N,
/// fiber velocity at most about 2e-7 m/s.
/// </remarks>
public sealed class ThelenMuscleOpenSimReferenceTests
{
    /// <summary>Margin on the propagated rounding bound (linearisation of the sensitivities).</summary>
    private const double BoundFactor = 2.0;

    private readonly ITestOutputHelper _output;

    public ThelenMuscleOpenSimReferenceTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Runs => new() { "physiological", "random_seed1", "random_seed2" };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Compute_reproduces_OpenSims_tendon_force_passive_fiber_force_and_fiber_velocity(string run)
    {
        StoTable states = StoTable.Read(Path.Combine(Arm26Muscles.ReferenceFolder, "opensim43", run, "states.sto"));
        Assert.Equal(101, states.Rows.Length);
        foreach (string name in Arm26Muscles.Names)
        {
            var muscle = new ThelenMuscle(Arm26Muscles.Parameters[name]);
            int ia = states.IndexOf($"/forceset/{name}/activation");
            int il = states.IndexOf($"/forceset/{name}/fiber_length");
            int iv = states.IndexOf($"/forceset/{name}|fiber_velocity");
            int im = states.IndexOf($"/forceset/{name}|length");
            int it = states.IndexOf($"/forceset/{name}|tendon_force");
            int ip = states.IndexOf($"/forceset/{name}|passive_fiber_force");

            var tendon = new ErrorSummary();
            var passive = new ErrorSummary();
            var velocity = new ErrorSummary(relativeFloor: 0.01); // relative to 1 cm/s for slow fibers
            foreach (double[] row in states.Rows)
            {
                double a = row[ia];
                double lce = row[il];
                double mtl = row[im];
                MuscleDynamicsResult r = muscle.Compute(a, lce, mtl);

                tendon.Add(r.TendonForce, row[it], Bound(m => m.TendonForce, muscle, a, lce, mtl, row[it]));
                passive.Add(r.PassiveFiberForce, row[ip], Bound(m => m.PassiveFiberForce, muscle, a, lce, mtl, row[ip]));
                velocity.Add(r.FiberVelocity, row[iv], Bound(m => m.FiberVelocity, muscle, a, lce, mtl, row[iv]));
            }

            _output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{run} {name}: tendon_force {tendon}; passive_fiber_force {passive}; fiber_velocity {velocity}"));
            Assert.True(tendon.WorstRatio <= BoundFactor, $"{run} {name} tendon force: {tendon}");
            Assert.True(passive.WorstRatio <= BoundFactor, $"{run} {name} passive fiber force: {passive}");
            Assert.True(velocity.WorstRatio <= BoundFactor, $"{run} {name} fiber velocity: {velocity}");
            Assert.True(tendon.MaxRelative <= 1e-6, $"{run} {name} tendon force: {tendon}");
        }
    }

    /// <summary>The rounding bound: output rounding plus each input's rounding times the output's sensitivity to it.</summary>
    private static double Bound(Func<MuscleDynamicsResult, double> output, ThelenMuscle muscle, double a, double lce, double mtl, double printed)
    {
        double bound = PrintedPrecision.HalfUnit(printed);
        bound += PrintedPrecision.Slope(x => output(muscle.Compute(x, lce, mtl)), a) * PrintedPrecision.HalfUnit(a);
        bound += PrintedPrecision.Slope(x => output(muscle.Compute(a, x, mtl)), lce) * PrintedPrecision.HalfUnit(lce);
        bound += PrintedPrecision.Slope(x => output(muscle.Compute(a, lce, x)), mtl) * PrintedPrecision.HalfUnit(mtl);
        return bound + 1e-15;
    }
}
