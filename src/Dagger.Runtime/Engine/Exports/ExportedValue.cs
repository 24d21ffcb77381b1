namespace Dagger.Runtime.Engine.Exports;

/// <summary>A value read from an exported file, as JSON text ready to be filled into CUE.</summary>
/// <param name="Json">The value as JSON. Numbers keep their literal form, so an integer stays an integer.</param>
public sealed record ExportedValue(string Json);
