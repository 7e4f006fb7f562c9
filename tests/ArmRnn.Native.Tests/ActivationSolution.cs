namespace ArmRnn.Native.Tests;

/// <summary>
/// Exact solutions of MuJoCo 2.2's muscle activation dynamics, da/dt = (u - a) / tau(a), with
/// tau = tau_act (0.5 + 1.5 a) while u &gt; a and tau_deact / (0.5 + 1.5 a) while u &lt; a (MuJoCo's documentation,
/// Modeling, "Muscles"; the activation-dependent time constants follow Millard et al. 2013).
/// </summary>
internal static class ActivationSolution
{
    /// <summary>a(t) under constant excitation <paramref name="u"/> &gt; a0. Separating variables with w = u - a:
    /// t = tau_act [ (0.5 + 1.5 u) ln(w0 / w) + 1.5 (w - w0) ], monotonic in a, solved by bisection.</summary>
    public static double Rise(double a0, double u, double t, double tauAct)
    {
        double Time(double a)
        {
            double w0 = u - a0, w = u - a;
            return tauAct * (((0.5 + (1.5 * u)) * Math.Log(w0 / w)) + (1.5 * (w - w0)));
        }

        double low = a0, high = u;
        for (var i = 0; i < 200 && high - low > 1e-15; i++)
        {
            var mid = 0.5 * (low + high);
            if (Time(mid) < t)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return 0.5 * (low + high);
    }

    /// <summary>a(t) under zero excitation: da/dt = -a (0.5 + 1.5 a) / tau_deact, so
    /// a / (0.5 + 1.5 a) = r0 exp(-t / (2 tau_deact)) with r0 = a0 / (0.5 + 1.5 a0), i.e. a = 0.5 r / (1 - 1.5 r).</summary>
    public static double FallToZero(double a0, double t, double tauDeact)
    {
        var r = a0 / (0.5 + (1.5 * a0)) * Math.Exp(-t / (2 * tauDeact));
        return 0.5 * r / (1 - (1.5 * r));
    }
}
