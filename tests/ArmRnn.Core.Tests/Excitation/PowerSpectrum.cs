namespace ArmRnn.Core.Tests.Excitation;

/// <summary>A plain discrete Fourier transform for spectrum checks (O(N²), written here as an independent reference).</summary>
internal static class PowerSpectrum
{
    /// <summary>|X_k|² for k = 0 .. N/2 of the mean-removed signal; bin k is frequency k / (N·dt).</summary>
    public static double[] Compute(ReadOnlySpan<double> signal)
    {
        var n = signal.Length;
        var mean = 0.0;
        foreach (var x in signal)
        {
            mean += x;
        }

        mean /= n;
        var cos = new double[n];
        var sin = new double[n];
        for (var i = 0; i < n; i++)
        {
            cos[i] = Math.Cos(2 * Math.PI * i / n);
            sin[i] = Math.Sin(2 * Math.PI * i / n);
        }

        var power = new double[(n / 2) + 1];
        for (var k = 0; k < power.Length; k++)
        {
            double re = 0, im = 0;
            for (var i = 0; i < n; i++)
            {
                var index = (int)((long)k * i % n);
                var x = signal[i] - mean;
                re += x * cos[index];
                im -= x * sin[index];
            }

            power[k] = (re * re) + (im * im);
        }

        return power;
    }

    /// <summary>The fraction of the power (excluding bin 0) in bins whose frequency is above <paramref name="frequency"/>.</summary>
    public static double FractionAbove(double[] power, int n, double dt, double frequency)
    {
        double total = 0, above = 0;
        for (var k = 1; k < power.Length; k++)
        {
            total += power[k];
            if (k / (n * dt) > frequency)
            {
                above += power[k];
            }
        }

        return above / total;
    }

    /// <summary>The frequency (Hz) of the largest bin other than 0.</summary>
    public static double DominantFrequency(double[] power, int n, double dt)
    {
        var best = 1;
        for (var k = 2; k < power.Length; k++)
        {
            if (power[k] > power[best])
            {
                best = k;
            }
        }

        return best / (n * dt);
    }
}
