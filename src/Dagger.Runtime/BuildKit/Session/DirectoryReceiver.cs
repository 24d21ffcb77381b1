using System.Threading.Channels;

using Dagger.Runtime.BuildKit.Protocol.Fsutil;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>
/// The receiving side of fsutil's diff copy, for the local exporter: creates what the engine describes under a
/// folder (merging with what is there), asking for the content of each regular file.
/// </summary>
internal static class DirectoryReceiver
{
    /// <summary>Receives into <paramref name="destination"/>; returns the number of entries written.</summary>
    internal static async Task<int> ReceiveAsync(string destination, IPacketChannel channel, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(destination);
        var root = Path.GetFullPath(destination);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var outgoing = Channel.CreateUnbounded<Packet>(new UnboundedChannelOptions { SingleReader = true });
        var writer = Task.Run(
            async () =>
            {
                await foreach (var packet in outgoing.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                {
                    await channel.WriteAsync(packet, stop.Token).ConfigureAwait(false);
                }
            },
            stop.Token);

        var pending = new Dictionary<uint, (string Path, Stat Stat, FileStream? Stream)>();
        var directories = new List<(string Path, Stat Stat)>();
        uint id = 0;
        var entries = 0;
        var statsDone = false;
        var finSent = false;
        try
        {
            while (true)
            {
                var packet = await channel.ReadAsync(stop.Token).ConfigureAwait(false);
                if (packet is null)
                {
                    if (finSent)
                    {
                        break;
                    }

                    throw new IOException("the engine ended the export before sending every file");
                }

                switch (packet.Type)
                {
                    case Packet.Types.PacketType.PacketErr:
                        throw new IOException("the engine failed to send files: " + packet.Data.ToStringUtf8());
                    case Packet.Types.PacketType.PacketStat when packet.Stat is null:
                        statsDone = true;
                        break;
                    case Packet.Types.PacketType.PacketStat:
                        var stat = packet.Stat;
                        var target = Resolve(root, stat.Path);
                        entries++;
                        if (GoFileMode.IsRegular(stat.Mode))
                        {
                            pending[id] = (target, stat, null);
                            outgoing.Writer.TryWrite(new Packet { Type = Packet.Types.PacketType.PacketReq, ID = id });
                        }
                        else
                        {
                            CreateEntry(target, stat, directories);
                        }

                        id++;
                        break;
                    case Packet.Types.PacketType.PacketData:
                        if (!pending.TryGetValue(packet.ID, out var file))
                        {
                            throw new IOException($"the engine sent data for unknown file {packet.ID}");
                        }

                        if (file.Stream is null)
                        {
                            Directory.CreateDirectory(Path.GetDirectoryName(file.Path)!);
                            DeleteExisting(file.Path);
                            file.Stream = new FileStream(file.Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true);
                            pending[packet.ID] = file;
                        }

                        if (packet.Data.Length > 0)
                        {
                            await file.Stream.WriteAsync(packet.Data.Memory, stop.Token).ConfigureAwait(false);
                        }
                        else
                        {
                            await file.Stream.DisposeAsync().ConfigureAwait(false);
                            pending.Remove(packet.ID);
                            ApplyMetadata(file.Path, file.Stat);
                        }

                        break;
                    case Packet.Types.PacketType.PacketFin:
                        // The sender answers our FIN with its own; the conversation is over.
                        finSent = true;
                        break;
                }

                if (statsDone && pending.Count == 0 && !finSent && outgoing.Writer.TryWrite(new Packet { Type = Packet.Types.PacketType.PacketFin }))
                {
                    // Directory times last, now that nothing more is written inside them.
                    foreach (var (path, stat) in Enumerable.Reverse(directories))
                    {
                        ApplyMetadata(path, stat);
                    }

                    outgoing.Writer.TryComplete();
                    await writer.ConfigureAwait(false);
                    finSent = true;
                }
            }

            return entries;
        }
        finally
        {
            outgoing.Writer.TryComplete();
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var file in pending.Values)
            {
                if (file.Stream is not null)
                {
                    await file.Stream.DisposeAsync().ConfigureAwait(false);
                }
            }

            try
            {
                await writer.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
            {
                // Stopped on purpose or already reported.
            }
        }
    }

    /// <summary>Maps a received path under <paramref name="root"/>, refusing anything that would escape it.</summary>
    internal static string Resolve(string root, string path)
    {
        if (path.Length == 0 || path.StartsWith('/') || path.Split('/').Any(p => p is ".." or "." or ""))
        {
            throw new IOException($"the engine sent an invalid path '{path}'");
        }

        return Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
    }

    private static void CreateEntry(string target, Stat stat, List<(string Path, Stat Stat)> directories)
    {
        if (GoFileMode.IsDirectory(stat.Mode))
        {
            if (File.Exists(target) || new FileInfo(target).LinkTarget is not null)
            {
                File.Delete(target);
            }

            Directory.CreateDirectory(target);
            directories.Add((target, stat));
        }
        else if (GoFileMode.IsSymlink(stat.Mode))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            DeleteExisting(target);
            File.CreateSymbolicLink(target, stat.Linkname);
        }

        // Devices, pipes and sockets cannot be recreated without privileges; the local exporter skips them.
    }

    private static void DeleteExisting(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists)
        {
            info.Delete();
        }
        else if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static void ApplyMetadata(string path, Stat stat)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, GoFileMode.ToUnix(stat.Mode));
        }

        var time = DateTime.UnixEpoch.AddTicks(stat.ModTime / 100);
        if (GoFileMode.IsDirectory(stat.Mode))
        {
            Directory.SetLastWriteTimeUtc(path, time);
        }
        else
        {
            File.SetLastWriteTimeUtc(path, time);
        }
    }
}
