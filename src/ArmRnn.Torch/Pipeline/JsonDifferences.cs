using System.Text.Json.Nodes;

namespace ArmRnn.Torch.Pipeline;

/// <summary>Lists where two JSON documents differ, as JSON paths with both values.</summary>
internal static class JsonDifferences
{
    public static List<string> Between(JsonNode? stored, JsonNode? requested)
    {
        var differences = new List<string>();
        Walk("$", stored, requested, differences);
        return differences;
    }

    private static void Walk(string path, JsonNode? a, JsonNode? b, List<string> differences)
    {
        if (a is JsonObject objectA && b is JsonObject objectB)
        {
            foreach (var key in objectA.Select(p => p.Key).Union(objectB.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                Walk($"{path}.{key}", objectA[key], objectB[key], differences);
            }
        }
        else if (a is JsonArray arrayA && b is JsonArray arrayB && arrayA.Count == arrayB.Count)
        {
            for (var i = 0; i < arrayA.Count; i++)
            {
                Walk($"{path}[{i}]", arrayA[i], arrayB[i], differences);
            }
        }
        else if (!JsonNode.DeepEquals(a, b))
        {
            differences.Add($"{path}: run has {Show(a)}, requested {Show(b)}");
        }
    }

    private static string Show(JsonNode? node) => node is null ? "nothing" : node.ToJsonString();
}
