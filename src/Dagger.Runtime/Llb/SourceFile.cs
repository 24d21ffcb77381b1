namespace Dagger.Runtime.Llb;

/// <summary>A file that ops can point back to (for us, a CUE file); BuildKit attaches it to errors of those ops.</summary>
/// <param name="Filename">The name shown in errors, e.g. a path relative to the plan.</param>
/// <param name="Data">The file's content, so BuildKit can show the lines; may be empty.</param>
public sealed record SourceFile(string Filename, ReadOnlyMemory<byte> Data);
