using System.Text;

namespace Dagger.Action.Logging;

/// <summary>
/// The lines of one task, kept until the task ends so that its group in the log holds them all together (tasks run
/// at once, and the log's groups cannot interleave). Lines go to a file in the runner's temporary folder, so that a
/// chatty task costs disk, not memory; the file is deleted when the lines are read back or the buffer disposed.
/// </summary>
internal sealed class TaskLogBuffer(string folder) : IDisposable
{
    private StreamWriter? writer;
    private string? path;

    /// <summary>How many lines it holds.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a line.</summary>
    public void Add(string line)
    {
        if (writer is null)
        {
            Directory.CreateDirectory(folder);
            path = Path.Combine(folder, Path.GetRandomFileName());
            writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        }

        // One record a line: a line never holds a line break (the tool splits them), but keep it so if one does.
        writer.Write(line.Replace('\n', ' '));
        writer.Write('\n');
        Count++;
    }

    /// <summary>Reads every line back, in order, and empties the buffer.</summary>
    public IEnumerable<string> Drain()
    {
        if (writer is null || path is null)
        {
            yield break;
        }

        writer.Dispose();
        writer = null;
        using (var reader = new StreamReader(path, Encoding.UTF8))
        {
            while (reader.ReadLine() is { } line)
            {
                yield return line;
            }
        }

        Delete();
        Count = 0;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        writer?.Dispose();
        writer = null;
        Delete();
    }

    private void Delete()
    {
        if (path is not null)
        {
            File.Delete(path);
            path = null;
        }
    }
}
