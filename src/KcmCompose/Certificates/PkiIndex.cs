using System.Text.Json;
using System.Text.Json.Serialization;
using KcmCompose.IO;

namespace KcmCompose.Certificates;

/// <summary>The CA folder's record of what it issued (<c>index.json</c>), and the CRL counter.</summary>
internal sealed record PkiIndex
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>Number of the last CRL written; the next one gets this plus one.</summary>
    public long CrlNumber { get; init; }

    public IReadOnlyList<PkiIndexEntry> Certificates { get; init; } = [];

    public static async Task<PkiIndex> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!InputFile.IsPresent(path))
        {
            return new PkiIndex();
        }

        try
        {
            var stream = new MemoryStream(await InputFile.ReadAllBytesAsync(path, InputFileKind.CaIndex, cancellationToken).ConfigureAwait(false));
            await using (stream.ConfigureAwait(false))
            {
                var index = await JsonSerializer.DeserializeAsync(stream, PkiIndexJson.Default.PkiIndex, cancellationToken).ConfigureAwait(false);
                if (index?.Version > CurrentVersion)
                {
                    throw new PkiException($"CA index '{path}' has version {index.Version}, newer than this kcm-compose understands ({CurrentVersion}): upgrade kcm-compose");
                }

                return index ?? new PkiIndex();
            }
        }
        catch (JsonException e)
        {
            throw new PkiException($"CA index '{path}' is damaged at line {e.LineNumber + 1}: {PkiKeys.OneLine(e.Message)}; restore it from a backup", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PkiException($"cannot read CA index '{path}': {e.Message}", e);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, PkiIndexJson.Default.PkiIndex) + "\n";
}

/// <summary>One issued certificate as the index records it.</summary>
internal sealed record PkiIndexEntry(
    string Name,
    string Serial,
    string Subject,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string? File)
{
    public DateTimeOffset? RevokedAt { get; init; }
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PkiIndex))]
internal sealed partial class PkiIndexJson : JsonSerializerContext;
