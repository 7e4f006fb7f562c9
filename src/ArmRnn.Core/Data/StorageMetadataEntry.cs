namespace ArmRnn.Data;

/// <summary>One <c>key=value</c> line of a storage file header other than the ones <see cref="StorageTable"/> models
/// itself (<c>version</c>, <c>nRows</c>, <c>nColumns</c>, <c>inDegrees</c>), e.g. <c>DataType=double</c>.</summary>
/// <param name="Key">The text before the first <c>=</c>, trimmed.</param>
/// <param name="Value">The text after the first <c>=</c>, trimmed.</param>
public readonly record struct StorageMetadataEntry(string Key, string Value);
