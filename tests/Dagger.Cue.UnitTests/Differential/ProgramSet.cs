namespace Dagger.Cue.UnitTests.Differential;

/// <summary>Generated programs written to a temporary folder, one sub-folder per program holding <c>p.cue</c>.</summary>
internal sealed class ProgramSet : IDisposable
{
    public const string FileName = "p.cue";

    public ProgramSet(IReadOnlyList<GeneratedProgram> programs)
    {
        Programs = programs;
        Root = Directory.CreateTempSubdirectory("dagger-cue-diff-").FullName;
        foreach (var p in programs)
        {
            var dir = DirOf(p);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, FileName), p.Text);
        }
    }

    public IReadOnlyList<GeneratedProgram> Programs { get; }

    public string Root { get; }

    /// <summary>Set to keep the folder (for a failed run, to look at the programs).</summary>
    public bool Keep { get; set; }

    public string DirOf(GeneratedProgram p) => Path.Combine(Root, $"p{p.Index:D5}");

    public IReadOnlyList<OracleJob> ExportJobs() =>
        Programs.Select(p => new OracleJob(DirOf(p), ["export", "--out", "json", FileName])).ToList();

    public void Dispose()
    {
        if (!Keep)
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
