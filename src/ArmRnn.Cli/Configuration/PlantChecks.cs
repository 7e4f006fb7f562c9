using System.Globalization;

namespace ArmRnn.Cli.Configuration;

/// <summary>Checks the <c>Plant</c> section of a command configuration before any plant is built.</summary>
internal static class PlantChecks
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the value and <paramref name="source"/> when a value
    /// is out of range.</summary>
    public static void EnsureValid(PlantConfiguration? plant, string source)
    {
        if (plant is null)
        {
            throw new ArgumentException($"{source}: Plant must be set.");
        }

        if (string.IsNullOrWhiteSpace(plant.Model))
        {
            throw new ArgumentException($"{source}: Plant.Model (--model) must be 'arm26' or an .osim file.");
        }

        if (!double.IsFinite(plant.Accuracy) || plant.Accuracy <= 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{source}: Plant.Accuracy (--accuracy) must be positive; it is {plant.Accuracy}."));
        }

        foreach (var (name, value) in new[] { ("Plant.DataPostureRange", plant.DataPostureRange), ("Plant.TrainingPostureRange", plant.TrainingPostureRange) })
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{source}: {name} (--posture-range) must be in [0, 1]; it is {value}."));
            }
        }
    }
}
