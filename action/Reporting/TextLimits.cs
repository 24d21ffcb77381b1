using System.Globalization;
using System.Text;

namespace Dagger.Action.Reporting;

/// <summary>GitHub's limits on report fields, and cutting text to fit them.</summary>
internal static class TextLimits
{
    /// <summary>Characters of a check run's <c>summary</c> and of its <c>text</c>.</summary>
    public const int CheckRunText = 65_535;

    /// <summary>Bytes of an annotation's <c>message</c> and <c>raw_details</c> (64 KB).</summary>
    public const int AnnotationMessageBytes = 64 * 1024;

    /// <summary>Characters of an annotation's <c>title</c>.</summary>
    public const int AnnotationTitle = 255;

    /// <summary>Characters of a commit status's <c>description</c>.</summary>
    public const int StatusDescription = 140;

    /// <summary>Bytes of a step's summary (1 MiB).</summary>
    public const int StepSummaryBytes = 1024 * 1024;

    /// <summary>Annotations in one check run request.</summary>
    public const int AnnotationsPerRequest = 50;

    /// <summary>Annotations of one level that the runner shows for a step (workflow commands).</summary>
    public const int WorkflowAnnotationsPerLevel = 10;

    private const string Ellipsis = "…";

    /// <summary>The text cut to at most <paramref name="characters"/> characters, ending with … when cut.</summary>
    public static string Characters(string text, int characters)
    {
        if (text.Length <= characters)
        {
            return text;
        }

        var cut = characters - Ellipsis.Length;
        // Never split a surrogate pair.
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..Math.Max(cut, 0)] + Ellipsis;
    }

    /// <summary>The text cut to at most <paramref name="bytes"/> bytes of UTF-8, ending with … when cut.</summary>
    public static string Utf8(string text, int bytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= bytes)
        {
            return text;
        }

        var room = bytes - Encoding.UTF8.GetByteCount(Ellipsis);
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        var used = 0;
        var end = 0;
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var size = Encoding.UTF8.GetByteCount(element);
            if (used + size > room)
            {
                break;
            }

            used += size;
            end = enumerator.ElementIndex + element.Length;
        }

        return text[..end] + Ellipsis;
    }
}
