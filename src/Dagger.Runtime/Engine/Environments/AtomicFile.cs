using Dagger.Runtime.Engine.Diagnostics;

namespace Dagger.Runtime.Engine.Environments;

/// <summary>Writes a file whole or not at all: a temporary file beside it, flushed, then renamed over it.</summary>
public static class AtomicFile
{
    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/> (UTF-8, no BOM).</summary>
    /// <exception cref="DaggerException"><see cref="ErrorCodes.WriteFailed"/>; the file keeps its previous content.</exception>
    public static void Write(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(new System.Text.UTF8Encoding(false).GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            // .NET names the temporary file ("No space left on device : '….tmp'"); the message names the real one already.
            var reason = e.Message.Replace($" : '{temp}'", string.Empty, StringComparison.Ordinal).Replace(temp, path, StringComparison.Ordinal);
            throw new DaggerException(ErrorCodes.WriteFailed, Message.Format(Messages.CannotWrite, path, reason), null, e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind: a stray .tmp beside the file, never a half-written file in its place.
        }
    }
}
