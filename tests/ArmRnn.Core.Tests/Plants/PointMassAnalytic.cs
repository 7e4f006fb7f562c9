using System.Numerics;

namespace ArmRnn.Core.Tests.Plants;

/// <summary>
/// Closed-form solution of one axis of the point mass: m x'' + c x' + k x = P + Q e^{-t/τ}, which is the axis
/// projection of the plant when excitations are constant (activation a(t) = e + (a0 - e) e^{-t/τ}).
/// Derived by hand: particular part P/k + D e^{-t/τ} with D = Q / (m/τ² - c/τ + k); homogeneous part
/// C1 e^{r1 t} + C2 e^{r2 t} with r the roots of m r² + c r + k = 0 (complex when underdamped).
/// </summary>
internal static class PointMassAnalytic
{
    public static (double Position, double Velocity) Solve(
        double m, double c, double k, double tau, double p, double q, double x0, double v0, double t)
    {
        var d = q / ((m / (tau * tau)) - (c / tau) + k);
        var discriminant = new Complex((c * c) - (4 * m * k), 0);
        var root = Complex.Sqrt(discriminant);
        var r1 = (-c + root) / (2 * m);
        var r2 = (-c - root) / (2 * m);
        // C1 + C2 = x0 - P/k - D;  r1 C1 + r2 C2 = v0 + D/τ.
        var a = x0 - (p / k) - d;
        var b = v0 + (d / tau);
        var c2 = (b - (r1 * a)) / (r2 - r1);
        var c1 = a - c2;
        var homogeneous = (c1 * Complex.Exp(r1 * t)) + (c2 * Complex.Exp(r2 * t));
        var homogeneousRate = (c1 * r1 * Complex.Exp(r1 * t)) + (c2 * r2 * Complex.Exp(r2 * t));
        var decay = Math.Exp(-t / tau);
        return ((p / k) + (d * decay) + homogeneous.Real, (-d / tau * decay) + homogeneousRate.Real);
    }
}
