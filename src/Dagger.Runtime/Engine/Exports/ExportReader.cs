using System.Text;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Ops;

namespace Dagger.Runtime.Engine.Exports;

/// <summary>Turns the bytes of an exported file into its text.</summary>
public static class ExportReader
{
    /// <summary>The text of <paramref name="content"/>, read for <paramref name="export"/>.</summary>
    /// <exception cref="OpException">The content is not UTF-8 text.</exception>
    public static ExportedValue Read(ExportOp export, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(export);
        try
        {
            return new ExportedValue(export, new UTF8Encoding(false, true).GetString(content));
        }
        catch (DecoderFallbackException e)
        {
            throw new OpException(export.Source, ErrorCodes.ExportUnreadable, Message.Format(Messages.ExportNotUtf8, export.Path), e);
        }
    }
}
