using System.Text.Json.Nodes;
using ArmRnn.Torch.Pipeline;

namespace ArmRnn.Reporting;

/// <summary>Builds <c>report.json</c>: snake_case keys, SI units (m, m/s, s), VAF in percent, NaN as null.</summary>
internal static class ReportJson
{
    public static JsonObject Build(GenerationPipelineOptions options, IReadOnlyList<GenerationResult> generations, double? lastRunSeconds)
    {
        var list = new JsonArray();
        foreach (var generation in generations)
        {
            var own = generation.ArmNetScores.Where(s => s.ModelGeneration == generation.Generation).OrderBy(s => s.DataGeneration);
            var earlier = generation.ArmNetScores.Where(s => s.ModelGeneration != generation.Generation).OrderBy(s => s.ModelGeneration);
            list.Add(new JsonObject
            {
                ["generation"] = generation.Generation,
                ["armnet"] = new JsonObject
                {
                    ["vaf_by_data_generation"] = new JsonArray([.. own.Select(Score)]),
                    ["earlier_armnets_on_this_data"] = new JsonArray([.. earlier.Select(Score)]),
                },
                ["controller"] = new JsonObject
                {
                    ["real_plant"] = ReachEvaluationJson.ToJson(generation.Controller.RealPlant),
                    ["armnet"] = ReachEvaluationJson.ToJson(generation.Controller.ArmNet),
                    ["mean_endpoint_gap_m"] = Number(generation.Controller.MeanEndpointGap),
                },
                ["stage_seconds"] = new JsonObject([.. generation.StageSeconds.Select(p => KeyValuePair.Create(p.Key.ToString().ToLowerInvariant(), Number(p.Value)))]),
            });
        }

        return new JsonObject
        {
            ["configuration"] = options.ToJson(),
            ["timings"] = new JsonObject
            {
                ["total_s"] = Number(generations.Sum(g => g.StageSeconds.Values.Sum())),
                ["last_run_s"] = lastRunSeconds is { } s ? Number(s) : null,
            },
            ["generations"] = list,
        };
    }

    private static JsonObject Score(ArmNetScore score) => new()
    {
        ["model_generation"] = score.ModelGeneration,
        ["data_generation"] = score.DataGeneration,
        ["hand_x"] = Number(score.HandX),
        ["hand_y"] = Number(score.HandY),
        ["mean"] = Number(score.Mean),
    };


    private static JsonNode? Number(double value) => ReachEvaluationJson.Number(value);
}
