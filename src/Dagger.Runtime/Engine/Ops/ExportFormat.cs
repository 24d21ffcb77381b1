namespace Dagger.Runtime.Engine.Ops;

/// <summary>How an exported file is read into a CUE value.</summary>
public enum ExportFormat
{
    /// <summary>The bytes as a string, untrimmed.</summary>
    Text,

    /// <summary>A JSON document.</summary>
    Json,

    /// <summary>A YAML document.</summary>
    Yaml,

    /// <summary>A number (surrounding white space is ignored).</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c> (surrounding white space is ignored).</summary>
    Bool,
}
