using System.Text;

namespace ArmRnn.Data;

/// <summary>
/// Writes files atomically: the content goes to a temporary file in the destination's folder, is flushed to
/// disk, and only then replaces the destination with a rename. Readers therefore see either the old file or the
/// complete new one, never a half-written file, and a writer that fails leaves the destination untouched.
/// </summary>
/// <remarks>
/// <para>The temporary file is named <c>.{file name}.{random hex}.tmp</c> and lives in the destination's folder
/// (a rename is atomic only within one file system). It is deleted when the write fails or is cancelled.</para>
/// <para>The destination folder is created when it does not exist. On Linux and macOS the final step is a
/// <c>rename(2)</c>; on Windows, <see cref="File.Move(string, string, bool)"/> with overwrite. The folder entry
/// itself is not synced, so after a power loss the old file may reappear, but never a truncated one.</para>
/// </remarks>
public static class AtomicFile
{
    /// <summary>Text files are written as UTF-8 without a byte-order mark.</summary>
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Writes a file atomically through a stream. <paramref name="writeContent"/> receives a readable, writable and
    /// seekable stream positioned at the start of an empty temporary file; it must not dispose the stream.
    /// </summary>
    /// <param name="path">The destination file. An existing file is replaced only if the write succeeds.</param>
    /// <param name="writeContent">Writes the whole content into the stream.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or names a folder.</exception>
    /// <remarks>Any exception thrown by <paramref name="writeContent"/> propagates unchanged after the temporary
    /// file has been deleted.</remarks>
    public static void Write(string path, Action<Stream> writeContent)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(writeContent);
        var fullPath = Path.GetFullPath(path);
        var fileName = Path.GetFileName(fullPath);
        if (fileName.Length == 0)
        {
            throw new ArgumentException($"'{path}' names a folder, not a file.", nameof(path));
        }

        var folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' has no parent folder.", nameof(path));
        Directory.CreateDirectory(folder);
        var tempPath = Path.Combine(folder, $".{fileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    /// <summary>
    /// Writes a text file atomically (UTF-8 without a byte-order mark, <c>\n</c> line endings).
    /// <paramref name="writeContent"/> must not dispose the writer.
    /// </summary>
    /// <param name="path">The destination file. An existing file is replaced only if the write succeeds.</param>
    /// <param name="writeContent">Writes the whole text.</param>
    public static void WriteText(string path, Action<TextWriter> writeContent)
    {
        ArgumentNullException.ThrowIfNull(writeContent);
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8NoBom, bufferSize: 1 << 16, leaveOpen: true);
            writer.NewLine = "\n";
            writeContent(writer);
            writer.Flush();
        });
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original exception matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
