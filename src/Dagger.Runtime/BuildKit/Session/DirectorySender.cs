using System.Threading.Channels;

using Dagger.Runtime.BuildKit.Protocol.Fsutil;

using Google.Protobuf;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>
/// The sending side of fsutil's diff copy: describes every entry of a directory (in the order the receiver
/// validates: depth first, names in byte order), then sends the content of the files the receiver asks for.
/// Reading and writing run concurrently, or a large tree would stall on HTTP/2 flow control.
/// </summary>
internal static class DirectorySender
{
    private const int ChunkSize = 32 * 1024;
    private const int FileWorkers = 4;

    /// <summary>Sends <paramref name="root"/> filtered by <paramref name="filter"/>; returns the bytes of file content sent.</summary>
    internal static async Task<long> SendAsync(string root, PathFilter filter, IPacketChannel channel, CancellationToken cancellationToken)
    {
        var rootInfo = new DirectoryInfo(root);
        if (!rootInfo.Exists)
        {
            throw new DirectoryNotFoundException($"local directory '{root}' does not exist");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        var outgoing = Channel.CreateBounded<Packet>(new BoundedChannelOptions(64) { SingleReader = true });
        var requests = Channel.CreateUnbounded<(uint Id, string Path)>();
        var files = new Dictionary<uint, string>();
        long sent = 0;

        var writer = Task.Run(
            async () =>
            {
                await foreach (var packet in outgoing.Reader.ReadAllAsync(token).ConfigureAwait(false))
                {
                    await channel.WriteAsync(packet, token).ConfigureAwait(false);
                }
            },
            token);

        var walker = Task.Run(
            async () =>
            {
                uint id = 0;
                foreach (var (path, info) in Walk(rootInfo, filter))
                {
                    token.ThrowIfCancellationRequested();
                    var stat = ToStat(path, info);
                    if (GoFileMode.IsRegular(stat.Mode))
                    {
                        lock (files)
                        {
                            files[id] = info.FullName;
                        }
                    }

                    id++;
                    await outgoing.Writer.WriteAsync(new Packet { Type = Packet.Types.PacketType.PacketStat, Stat = stat }, token).ConfigureAwait(false);
                }

                await outgoing.Writer.WriteAsync(new Packet { Type = Packet.Types.PacketType.PacketStat }, token).ConfigureAwait(false);
            },
            token);

        var workers = Enumerable.Range(0, FileWorkers).Select(_ => Task.Run(
            async () =>
            {
                var buffer = new byte[ChunkSize];
                await foreach (var (id, path) in requests.Reader.ReadAllAsync(token).ConfigureAwait(false))
                {
                    var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, useAsync: true);
                    await using (stream.ConfigureAwait(false))
                    {
                        int read;
                        while ((read = await stream.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
                        {
                            Interlocked.Add(ref sent, read);
                            await outgoing.Writer.WriteAsync(
                                new Packet { Type = Packet.Types.PacketType.PacketData, ID = id, Data = ByteString.CopyFrom(buffer, 0, read) },
                                token).ConfigureAwait(false);
                        }
                    }

                    await outgoing.Writer.WriteAsync(new Packet { Type = Packet.Types.PacketType.PacketData, ID = id }, token).ConfigureAwait(false);
                }
            },
            token)).ToArray();

        try
        {
            while (true)
            {
                var packet = await channel.ReadAsync(token).ConfigureAwait(false)
                    ?? throw new IOException("the engine ended the file transfer before it finished");
                if (packet.Type == Packet.Types.PacketType.PacketErr)
                {
                    throw new IOException("the engine failed to receive files: " + packet.Data.ToStringUtf8());
                }

                if (packet.Type == Packet.Types.PacketType.PacketReq)
                {
                    string? path;
                    lock (files)
                    {
                        if (files.Remove(packet.ID, out path))
                        {
                            requests.Writer.TryWrite((packet.ID, path));
                        }
                    }

                    if (path is null)
                    {
                        throw new IOException($"the engine asked for unknown file {packet.ID}");
                    }
                }
                else if (packet.Type == Packet.Types.PacketType.PacketFin)
                {
                    requests.Writer.TryComplete();
                    await Task.WhenAll(workers).ConfigureAwait(false);
                    await walker.ConfigureAwait(false);
                    await outgoing.Writer.WriteAsync(new Packet { Type = Packet.Types.PacketType.PacketFin }, token).ConfigureAwait(false);
                    outgoing.Writer.TryComplete();
                    await writer.ConfigureAwait(false);
                    return Interlocked.Read(ref sent);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Tell the receiver why, if the stream still works; the original error is what matters.
            var message = e.Message;
            await stop.CancelAsync().ConfigureAwait(false);
            await ObserveAsync(writer, walker, workers).ConfigureAwait(false);
            await TryWriteErrorAsync(channel, message, cancellationToken).ConfigureAwait(false);
            throw;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            requests.Writer.TryComplete();
            outgoing.Writer.TryComplete();
            await ObserveAsync(writer, walker, workers).ConfigureAwait(false);
        }
    }

    /// <summary>The entries to send, depth first, names in ordinal order, paths slash-separated and relative.</summary>
    internal static IEnumerable<(string Path, FileSystemInfo Info)> Walk(DirectoryInfo root, PathFilter filter) =>
        WalkDirectory(root, string.Empty, filter, insideIncluded: false);

    private static IEnumerable<(string Path, FileSystemInfo Info)> WalkDirectory(DirectoryInfo directory, string prefix, PathFilter filter, bool insideIncluded)
    {
        var entries = directory.EnumerateFileSystemInfos().ToList();
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var entry in entries)
        {
            var path = prefix.Length == 0 ? entry.Name : prefix + "/" + entry.Name;
            var isDirectory = entry is DirectoryInfo && entry.LinkTarget is null;
            var decision = filter.Decide(path, isDirectory, insideIncluded, out var fullyIncluded);
            if (decision == PathFilter.Decision.Skip)
            {
                continue;
            }

            if (decision == PathFilter.Decision.Include)
            {
                yield return (path, entry);
            }

            if (isDirectory)
            {
                foreach (var child in WalkDirectory((DirectoryInfo)entry, path, filter, fullyIncluded))
                {
                    yield return child;
                }
            }
        }
    }

    private static Stat ToStat(string path, FileSystemInfo info)
    {
        var mode = GoFileMode.Of(info);
        var stat = new Stat
        {
            Path = path,
            Mode = mode,
            ModTime = (info.LastWriteTimeUtc - DateTime.UnixEpoch).Ticks * 100,
        };
        if (GoFileMode.IsSymlink(mode))
        {
            stat.Linkname = info.LinkTarget ?? string.Empty;
        }
        else if (info is FileInfo file)
        {
            stat.Size = file.Length;
        }

        return stat;
    }

    private static async Task ObserveAsync(Task writer, Task walker, Task[] workers)
    {
        try
        {
            await Task.WhenAll([writer, walker, .. workers]).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ChannelClosedException or InvalidOperationException)
        {
            // These tasks were stopped on purpose; the caller reports the first failure.
        }
    }

    private static async Task TryWriteErrorAsync(IPacketChannel channel, string message, CancellationToken cancellationToken)
    {
        try
        {
            await channel.WriteAsync(new Packet { Type = Packet.Types.PacketType.PacketErr, Data = ByteString.CopyFromUtf8(message) }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The stream is already broken.
        }
    }
}
