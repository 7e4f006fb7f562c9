namespace ArmRnn.Excitation;

/// <summary>
/// A second-order Butterworth low-pass biquad designed with the bilinear transform (with frequency pre-warping, so
/// the −3 dB point of one pass is exactly at the cutoff): y[n] = b0·x[n] + b1·x[n−1] + b2·x[n−2] − a1·y[n−1] − a2·y[n−2].
/// </summary>
internal readonly struct ButterworthLowPass
{
    private readonly double _b0;
    private readonly double _b1;
    private readonly double _b2;
    private readonly double _a1;
    private readonly double _a2;

    /// <summary>Designs the filter for a cutoff below the Nyquist frequency.</summary>
    /// <param name="cutoff">Cutoff frequency (Hz).</param>
    /// <param name="dt">Sampling interval (s).</param>
    public ButterworthLowPass(double cutoff, double dt)
    {
        // Pre-warped analogue cutoff, K = tan(π fc dt); H(s) = 1 / (s² + √2 s + 1) with s = (1/K)(z − 1)/(z + 1).
        var k = Math.Tan(Math.PI * cutoff * dt);
        var k2 = k * k;
        var norm = 1.0 / (1.0 + (Math.Sqrt(2.0) * k) + k2);
        _b0 = k2 * norm;
        _b1 = 2.0 * _b0;
        _b2 = _b0;
        _a1 = 2.0 * (k2 - 1.0) * norm;
        _a2 = (1.0 - (Math.Sqrt(2.0) * k) + k2) * norm;
    }

    /// <summary>Filters <paramref name="signal"/> in place, front to back, from rest.</summary>
    public void Forward(Span<double> signal)
    {
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (var n = 0; n < signal.Length; n++)
        {
            var x = signal[n];
            var y = (_b0 * x) + (_b1 * x1) + (_b2 * x2) - (_a1 * y1) - (_a2 * y2);
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            signal[n] = y;
        }
    }

    /// <summary>Filters <paramref name="signal"/> in place, back to front, from rest.</summary>
    public void Backward(Span<double> signal)
    {
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (var n = signal.Length - 1; n >= 0; n--)
        {
            var x = signal[n];
            var y = (_b0 * x) + (_b1 * x1) + (_b2 * x2) - (_a1 * y1) - (_a2 * y2);
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            signal[n] = y;
        }
    }

    /// <summary>
    /// The standard deviation of stationary unit-variance white noise after a forward and a backward pass. The
    /// output spectrum is |H|⁴ either way, the same as two forward passes in cascade, so this is the root of the sum
    /// of squares of the cascade's impulse response, run for <paramref name="samples"/> samples (allocation-free).
    /// </summary>
    /// <param name="samples">How many samples of the impulse response to sum (enough for it to decay).</param>
    public double ZeroPhaseNoiseStandardDeviation(int samples)
    {
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0, z1 = 0, z2 = 0, sum = 0;
        for (var n = 0; n < samples; n++)
        {
            var x = n == 0 ? 1.0 : 0.0;
            var y = (_b0 * x) + (_b1 * x1) + (_b2 * x2) - (_a1 * y1) - (_a2 * y2);
            var z = (_b0 * y) + (_b1 * y1) + (_b2 * y2) - (_a1 * z1) - (_a2 * z2);
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            z2 = z1;
            z1 = z;
            sum += z * z;
        }

        return Math.Sqrt(sum);
    }
}
