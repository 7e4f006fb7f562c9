using System.Text.Json.Nodes;
using ArmRnn.Torch.Pipeline;

namespace ArmRnn.Reporting;

/// <summary>The JSON form of a <see cref="ReachEvaluation"/> used in <c>report.json</c> and by <c>armrnn evaluate
/// --json</c>: snake_case keys, SI units (m, m/s, s), NaN as null.</summary>
public static class ReachEvaluationJson
{
    /// <summary>The evaluation as a JSON object.</summary>
    public static JsonObject ToJson(ReachEvaluation reach)
    {
        ArgumentNullException.ThrowIfNull(reach);
        return new JsonObject
        {
            ["mean_endpoint_error_m"] = Number(reach.MeanEndpointError),
            ["max_path_deviation_m"] = Number(reach.MaxPathDeviation),
            ["mean_path_deviation_m"] = Number(reach.MeanPathDeviation),
            ["mean_peak_speed_m_per_s"] = Number(reach.MeanPeakSpeed),
            ["mean_movement_time_s"] = Number(reach.MeanMovementTime),
            ["endpoint_error_by_target_m"] = Numbers(reach.EndpointErrorByTarget),
            ["path_deviation_by_target_m"] = Numbers(reach.PathDeviationByTarget),
            ["peak_speed_by_target_m_per_s"] = Numbers(reach.PeakSpeedByTarget),
            ["movement_time_by_target_s"] = Numbers(reach.MovementTimeByTarget),
        };
    }

    /// <summary>A finite number, or null for NaN and infinities (JSON has neither).</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private static JsonArray Numbers(IEnumerable<double> values) => new([.. values.Select(Number)]);
}
