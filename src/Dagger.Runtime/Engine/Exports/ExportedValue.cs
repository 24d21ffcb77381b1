using Dagger.Runtime.Engine.Ops;

namespace Dagger.Runtime.Engine.Exports;

/// <summary>
/// The text of an exported file, read back from the engine and not yet parsed: the plan parses it once, in its own
/// CUE context, into the value it fills (<see cref="ExportDecoder"/>).
/// </summary>
/// <param name="Op">The export op, which says the format and takes the blame when the text does not parse.</param>
/// <param name="Text">The file's text.</param>
public sealed record ExportedValue(ExportOp Op, string Text);
