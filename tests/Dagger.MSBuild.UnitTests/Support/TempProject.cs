namespace Dagger.MSBuild.UnitTests.Support;

/// <summary>A temporary project folder, deleted at the end of the test.</summary>
internal sealed class TempProject : IDisposable
{
    public TempProject() => Folder = Directory.CreateTempSubdirectory("dagger-msbuild-").FullName;

    public string Folder { get; }

    /// <summary>Writes <paramref name="text"/> at <paramref name="relative"/> (with / separators) and returns its full path.</summary>
    public string Write(string relative, string text)
    {
        var path = Path.Combine(Folder, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
