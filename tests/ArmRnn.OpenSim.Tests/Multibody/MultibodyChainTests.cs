using ArmRnn.Geometry;
using ArmRnn.OpenSim.Engine.Integration;
using ArmRnn.OpenSim.Engine.Multibody;
using ArmRnn.OpenSim.Model;
using static ArmRnn.OpenSim.Tests.Multibody.TestModels;

namespace ArmRnn.OpenSim.Tests.Multibody;

public class MultibodyChainTests
{
    /// <summary>Closed-form equations of motion of the planar double pendulum (relative angles, q from the downward
    /// vertical): M(q) q̈ + c(q, q̇) + g(q) = τ, derived by hand from the Lagrangian.</summary>
    private static (double A1, double A2) DoublePendulumAccelerations(double q1, double q2, double u1, double u2, double tau1, double tau2)
    {
        var cos2 = Math.Cos(q2);
        var sin2 = Math.Sin(q2);
        var m11 = I1 + I2 + (M1 * C1 * C1) + (M2 * ((L1 * L1) + (C2 * C2) + (2 * L1 * C2 * cos2)));
        var m12 = I2 + (M2 * ((C2 * C2) + (L1 * C2 * cos2)));
        var m22 = I2 + (M2 * C2 * C2);
        var h = M2 * L1 * C2 * sin2;
        var c1 = -h * ((2 * u1 * u2) + (u2 * u2));
        var c2 = h * u1 * u1;
        var g1 = (((M1 * C1) + (M2 * L1)) * G * Math.Sin(q1)) + (M2 * C2 * G * Math.Sin(q1 + q2));
        var g2 = M2 * C2 * G * Math.Sin(q1 + q2);
        var r1 = tau1 - c1 - g1;
        var r2 = tau2 - c2 - g2;
        var det = (m11 * m22) - (m12 * m12);
        return (((m22 * r1) - (m12 * r2)) / det, ((m11 * r2) - (m12 * r1)) / det);
    }

    [Fact]
    public void Forward_dynamics_matches_the_closed_form_double_pendulum()
    {
        var chain = new MultibodyChain(DoublePendulum());
        var state = chain.CreateState();
        var random = new Random(5);
        var udot = new double[2];
        for (var trial = 0; trial < 50; trial++)
        {
            double[] q = [random.NextDouble() * 6 - 3, random.NextDouble() * 6 - 3];
            double[] u = [random.NextDouble() * 10 - 5, random.NextDouble() * 10 - 5];
            double[] tau = [random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2];
            chain.UpdatePositions(q, state);
            chain.ForwardDynamics(u, tau, udot, state);
            var (a1, a2) = DoublePendulumAccelerations(q[0], q[1], u[0], u[1], tau[0], tau[1]);
            // Both are exact; accelerations are O(100 rad/s²), so rounding differences stay below 1e-10.
            Assert.Equal(a1, udot[0], 1e-10);
            Assert.Equal(a2, udot[1], 1e-10);
        }
    }

    private sealed class PassiveChain(MultibodyChain chain) : IOdeSystem
    {
        private readonly MultibodyState _state = chain.CreateState();
        private readonly double[] _zero = new double[chain.CoordinateCount];

        public int Dimension => 2 * chain.CoordinateCount;

        public double ErrorScale(int index) => 1.0;

        public void Evaluate(double time, ReadOnlySpan<double> y, Span<double> dydt)
        {
            var n = chain.CoordinateCount;
            chain.UpdatePositions(y[..n], _state);
            y.Slice(n, n).CopyTo(dydt[..n]);
            chain.ForwardDynamics(y.Slice(n, n), _zero, dydt.Slice(n, n), _state);
        }
    }

    private static double Energy(MultibodyChain chain, ReadOnlySpan<double> y)
    {
        var state = chain.CreateState();
        var n = chain.CoordinateCount;
        chain.UpdatePositions(y[..n], state);
        return chain.KineticEnergy(y.Slice(n, n), state) + chain.PotentialEnergy(state);
    }

    [Theory]
    [InlineData("double-pendulum")]
    [InlineData("skewed-arm")]
    public void Passive_motion_conserves_energy(string model)
    {
        var chain = new MultibodyChain(model == "skewed-arm" ? SkewedArm() : DoublePendulum());
        double[] y = [0.8, 1.1, -2.0, 3.0];
        var initial = Energy(chain, y);
        var integrator = new RungeKuttaMersonIntegrator(accuracy: 1e-10, maximumStep: 0.002);
        var system = new PassiveChain(chain);
        var hint = 0.0;
        for (var step = 0; step < 200; step++)
        {
            integrator.Integrate(system, step * 0.01, (step + 1) * 0.01, y, ref hint);
            // Local errors of 1e-10 over ~1000 steps bound the drift near 1e-7 J; energies are O(10 J). A wrong
            // Coriolis or inertia term shows up as drifts of 1e-2 J or more.
            Assert.Equal(initial, Energy(chain, y), 1e-6);
        }

        Assert.True(Math.Abs(y[2]) + Math.Abs(y[3]) > 0.1, "the arm must actually move");
    }

    [Fact]
    public void Hanging_posture_of_the_skewed_arm_is_an_equilibrium_where_each_subtree_mass_centre_is_below_its_joint_axis()
    {
        var chain = new MultibodyChain(SkewedArm());
        var state = chain.CreateState();
        var zero = new double[2];
        var tau = new double[2];
        double[] q = [0.2, 0.3];
        // Newton on the gravity torque G(q) = ID(q, 0, 0), Jacobian by central differences.
        for (var iteration = 0; iteration < 30; iteration++)
        {
            chain.UpdatePositions(q, state);
            chain.InverseDynamics(zero, zero, true, tau, state);
            var g = (double[])tau.Clone();
            var jacobian = new double[2, 2];
            for (var j = 0; j < 2; j++)
            {
                var plus = (double[])q.Clone();
                var minus = (double[])q.Clone();
                plus[j] += 1e-6;
                minus[j] -= 1e-6;
                chain.UpdatePositions(plus, state);
                chain.InverseDynamics(zero, zero, true, tau, state);
                var gp = (double[])tau.Clone();
                chain.UpdatePositions(minus, state);
                chain.InverseDynamics(zero, zero, true, tau, state);
                for (var i = 0; i < 2; i++)
                {
                    jacobian[i, j] = (gp[i] - tau[i]) / 2e-6;
                }
            }

            var det = (jacobian[0, 0] * jacobian[1, 1]) - (jacobian[0, 1] * jacobian[1, 0]);
            q[0] -= ((jacobian[1, 1] * g[0]) - (jacobian[0, 1] * g[1])) / det;
            q[1] -= ((jacobian[0, 0] * g[1]) - (jacobian[1, 0] * g[0])) / det;
        }

        // At rest there, forward dynamics gives no acceleration.
        chain.UpdatePositions(q, state);
        var udot = new double[2];
        chain.ForwardDynamics(zero, zero, udot, state);
        Assert.InRange(Math.Abs(udot[0]) + Math.Abs(udot[1]), 0, 1e-9);

        // Independent geometric check: the mass centre of everything beyond each joint lies in the vertical plane
        // through that joint's axis, i.e. gravity has no moment about the axis. Positions from poses only.
        var model = SkewedArm();
        var humerus = MultibodyChain.BodyPose(state, chain.BodyIndex("humerus"));
        var forearm = MultibodyChain.BodyPose(state, chain.BodyIndex("forearm"));
        var ch = humerus.ToOuter(model.Bodies[1].MassCenter);
        var cf = forearm.ToOuter(model.Bodies[2].MassCenter);
        var gravity = model.Gravity;
        // Elbow: joint point and axis in ground from the humerus pose and the joint's parent frame.
        var elbowFrame = humerus.Compose(ArmRnn.OpenSim.Engine.Pose.FromTranslationAndXyz(model.Joints[2].Parent.Translation, model.Joints[2].Parent.Orientation));
        var elbowAxis = elbowFrame.Rotation * model.Joints[2].RotationAxis.Normalized();
        Assert.Equal(0, elbowAxis.Dot((cf - elbowFrame.Origin).Cross(gravity * 1.53)), 1e-10);
        var baseFrame = ArmRnn.OpenSim.Engine.Pose.FromTranslationAndXyz(new Point3(0, 0.8, 0), Point3.Zero)
            .Compose(ArmRnn.OpenSim.Engine.Pose.FromTranslationAndXyz(model.Joints[1].Parent.Translation, model.Joints[1].Parent.Orientation));
        var shoulderAxis = baseFrame.Rotation * model.Joints[1].RotationAxis.Normalized();
        var subtreeCentre = ((ch * 1.86) + (cf * 1.53)) / (1.86 + 1.53);
        Assert.Equal(0, shoulderAxis.Dot((subtreeCentre - baseFrame.Origin).Cross(gravity * (1.86 + 1.53))), 1e-10);
    }

    [Fact]
    public void Body_velocities_are_the_time_derivatives_of_the_poses()
    {
        var chain = new MultibodyChain(SkewedArm());
        var state = chain.CreateState();
        double[] q = [0.7, 1.2];
        double[] u = [1.3, -0.8];
        const double h = 1e-6;
        var plus = chain.CreateState();
        var minus = chain.CreateState();
        chain.UpdatePositions([q[0] + (h * u[0]), q[1] + (h * u[1])], plus);
        chain.UpdatePositions([q[0] - (h * u[0]), q[1] - (h * u[1])], minus);
        chain.UpdatePositions(q, state);
        chain.UpdateVelocities(u, state);
        foreach (var body in new[] { "humerus", "forearm" })
        {
            var index = chain.BodyIndex(body);
            var (angular, linear) = MultibodyChain.BodyVelocity(state, index);
            var finite = (MultibodyChain.BodyPose(plus, index).Origin - MultibodyChain.BodyPose(minus, index).Origin) / (2 * h);
            // Central differences with h = 1e-6 have truncation error ~h² and rounding ~1e-16/h: both below 1e-8 m/s.
            Assert.Equal(finite.X, linear.X, 1e-8);
            Assert.Equal(finite.Y, linear.Y, 1e-8);
            Assert.Equal(finite.Z, linear.Z, 1e-8);
            // A point fixed on the body moves with v = v_origin + ω × r.
            var offset = new Point3(0.05, -0.1, 0.02);
            var pointFinite = (MultibodyChain.BodyPose(plus, index).ToOuter(offset) - MultibodyChain.BodyPose(minus, index).ToOuter(offset)) / (2 * h);
            var predicted = linear + angular.Cross(MultibodyChain.BodyPose(state, index).Rotation * offset);
            Assert.Equal(pointFinite.X, predicted.X, 1e-8);
            Assert.Equal(pointFinite.Y, predicted.Y, 1e-8);
            Assert.Equal(pointFinite.Z, predicted.Z, 1e-8);
        }
    }

    [Fact]
    public void A_chain_that_does_not_reach_ground_is_rejected()
    {
        var model = DoublePendulum() with { Joints = [DoublePendulum().Joints[1]] };
        var error = Assert.Throws<ArgumentException>(() => new MultibodyChain(model));
        Assert.Contains("elbow", error.Message, StringComparison.Ordinal);
    }
}
