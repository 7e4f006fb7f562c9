using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ArmRnn.Data;

namespace ArmRnn.Torch.Checkpoints;

/// <summary>
/// The checkpoint container: <c>ARMRNNCK</c>, a format version, the JSON <see cref="CheckpointMetadata"/>, then named
/// binary sections (TorchSharp state dicts, optimiser state, generator state). Written atomically with
/// <see cref="AtomicFile"/>.
/// </summary>
internal static class CheckpointFile
{
    public const string FormatName = "armrnn-checkpoint";
    public const int CurrentVersion = 1;

    private static readonly byte[] Magic = "ARMRNNCK"u8.ToArray();

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The informational version of ArmRnn.Torch.</summary>
    public static string LibraryVersion =>
        typeof(CheckpointFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CheckpointFile).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public static void Write(string path, CheckpointMetadata metadata, IReadOnlyList<KeyValuePair<string, Action<BinaryWriter>>> sections)
    {
        metadata.LibraryVersion = LibraryVersion;
        metadata.CreatedUtc = DateTimeOffset.UtcNow;
        var json = JsonSerializer.SerializeToUtf8Bytes(metadata, JsonOptions);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(CurrentVersion);
            writer.Write(json.Length);
            writer.Write(json);
            writer.Write(sections.Count);
            foreach (var (name, write) in sections)
            {
                using var buffer = new MemoryStream();
                using (var sectionWriter = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
                {
                    write(sectionWriter);
                }

                writer.Write(name);
                writer.Write(buffer.Length);
                buffer.Position = 0;
                writer.Flush();
                buffer.CopyTo(stream);
            }

            writer.Flush();
        });
    }

    public static (CheckpointMetadata Metadata, Dictionary<string, byte[]> Sections) Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No checkpoint at {path}.", path);
        }

        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var magic = reader.ReadBytes(Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not an ArmRnn checkpoint (it does not start with ARMRNNCK).");
        }

        var version = reader.ReadInt32();
        if (version != CurrentVersion)
        {
            throw new InvalidDataException($"{path} has checkpoint format version {version}; this ArmRnn.Torch ({LibraryVersion}) reads version {CurrentVersion}.");
        }

        var json = reader.ReadBytes(reader.ReadInt32());
        var metadata = JsonSerializer.Deserialize<CheckpointMetadata>(json, JsonOptions)
            ?? throw new InvalidDataException($"{path} has no metadata.");
        var count = reader.ReadInt32();
        var sections = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var length = reader.ReadInt64();
            sections[name] = reader.ReadBytes(checked((int)length));
        }

        return (metadata, sections);
    }
}
