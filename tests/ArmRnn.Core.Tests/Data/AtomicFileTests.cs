using ArmRnn.Data;

namespace ArmRnn.Core.Tests.Data;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void WriterThatThrowsMidway_LeavesNoDestinationAndNoTemporaryFile()
    {
        var path = _folder.File("out.bin");

        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new InvalidOperationException("disk on fire");
        }));

        Assert.Equal("disk on fire", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void ExistingDestination_IsKeptWhenTheWriteFails_AndReplacedWhenItSucceeds()
    {
        var path = _folder.File("data.txt");
        File.WriteAllText(path, "old");

        Assert.Throws<IOException>(() => AtomicFile.WriteText(path, writer =>
        {
            writer.Write("new but never finished");
            throw new IOException("cable pulled");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_folder.Path));

        AtomicFile.WriteText(path, writer => writer.Write("new"));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void RealWriterFailingAtTheFinalMove_LeavesNoTemporaryFileAndTouchesNothingElse()
    {
        var neighbour = _folder.File("table.sto");
        File.WriteAllText(neighbour, "old content");
        var table = new StorageTable("t", ["time", "a"], [new[] { 0.0, 1.0 }]);

        // The destination is a folder, so the rename at the end of the write fails.
        var blocked = _folder.File("blocked.sto");
        Directory.CreateDirectory(blocked);

        var error = Record.Exception(() => StorageFile.Write(blocked, table));

        Assert.True(error is IOException or UnauthorizedAccessException, $"Unexpected {error?.GetType().Name ?? "success"}.");
        Assert.Equal("old content", File.ReadAllText(neighbour));
        Assert.Equal(2, Directory.GetFileSystemEntries(_folder.Path).Length);
        Assert.Empty(Directory.GetFileSystemEntries(blocked));
    }

    [Fact]
    public void Write_CreatesMissingFolders_AndWritesTextAsUtf8WithoutBom()
    {
        var path = Path.Combine(_folder.Path, "a", "b", "c.txt");

        AtomicFile.WriteText(path, writer => writer.WriteLine("ü"));

        Assert.Equal(new byte[] { 0xC3, 0xBC, 0x0A }, File.ReadAllBytes(path));
    }

    [Fact]
    public void Write_RejectsAFolderPath()
    {
        Assert.Throws<ArgumentException>(() => AtomicFile.Write(_folder.Path + Path.DirectorySeparatorChar, _ => { }));
    }
}
