namespace Dagger.Cue.UnitTests.Builtins;

/// <summary>
/// The exported names of the builtin packages of CUE v0.4.0-beta.1 that we implement (functions and constants), as
/// the reference resolves them. Every name needs at least one case in <see cref="BuiltinCases"/>.
/// </summary>
internal static class BuiltinCatalog
{
    public static IReadOnlyDictionary<string, string[]> Reference { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["strings"] =
        [
            "ByteAt", "ByteSlice", "Compare", "Contains", "ContainsAny", "Count", "Fields", "HasPrefix", "HasSuffix", "Index",
            "IndexAny", "Join", "LastIndex", "LastIndexAny", "MaxRunes", "MinRunes", "Repeat", "Replace", "Runes", "SliceRunes",
            "Split", "SplitAfter", "SplitAfterN", "SplitN", "ToCamel", "ToLower", "ToTitle", "ToUpper", "Trim", "TrimLeft",
            "TrimPrefix", "TrimRight", "TrimSpace", "TrimSuffix",
        ],
        ["strconv"] =
        [
            "Atoi", "FormatBool", "FormatFloat", "FormatInt", "FormatUint", "IntSize", "IsGraphic", "IsPrint", "ParseBool",
            "ParseFloat", "ParseInt", "ParseUint", "Quote", "QuoteRune", "QuoteRuneToASCII", "QuoteRuneToGraphic",
            "QuoteToASCII", "QuoteToGraphic", "Unquote",
        ],
        ["math"] =
        [
            "Abs", "Acos", "Acosh", "Asin", "Asinh", "Atan", "Atan2", "Atanh", "Cbrt", "Ceil", "Copysign", "Cos", "Cosh", "Dim",
            "Erf", "Erfc", "Erfcinv", "Erfinv", "Exp", "Exp2", "Expm1", "Floor", "Gamma", "Hypot", "Ilogb", "J0", "J1", "Jn",
            "Jacobi", "Ldexp", "Log", "Log10", "Log1p", "Log2", "Logb", "Mod", "MultipleOf", "Pow", "Pow10", "Remainder",
            "Round", "RoundToEven", "Signbit", "Sin", "Sinh", "Sqrt", "Tan", "Tanh", "Trunc", "Y0", "Y1", "Yn",
            "E", "Pi", "Phi", "Sqrt2", "SqrtE", "SqrtPi", "SqrtPhi", "Ln2", "Log2E", "Ln10", "Log10E", "MaxExp", "MinExp", "MaxBase",
            "MaxPrec", "ToNearestEven", "ToNearestAway", "ToZero", "AwayFromZero", "ToNegativeInf", "ToPositiveInf", "Below", "Exact", "Above",
        ],
        ["math/bits"] = ["And", "At", "Clear", "Len", "Lsh", "OnesCount", "Or", "Rsh", "Set", "Xor"],
        ["list"] =
        [
            "Ascending", "Avg", "Concat", "Contains", "Descending", "Drop", "FlattenN", "IsSorted", "IsSortedStrings", "Max",
            "MaxItems", "Min", "MinItems", "Product", "Range", "Repeat", "Slice", "Sort", "SortStable", "SortStrings", "Sum",
            "Take", "UniqueItems",
        ],
        ["encoding/json"] = ["Compact", "HTMLEscape", "Indent", "Marshal", "MarshalStream", "Unmarshal", "Valid", "Validate"],
        ["encoding/yaml"] = ["Marshal", "MarshalStream", "Unmarshal", "Validate", "ValidatePartial"],
        ["encoding/base64"] = ["Decode", "DecodedLen", "Encode", "EncodedLen"],
        ["encoding/hex"] = ["Decode", "DecodedLen", "Dump", "Encode", "EncodedLen"],
        ["encoding/csv"] = ["Decode", "Encode"],
        ["regexp"] =
        [
            "Find", "FindAll", "FindAllNamedSubmatch", "FindAllSubmatch", "FindNamedSubmatch", "FindSubmatch", "Match",
            "QuoteMeta", "Valid",
        ],
        ["struct"] = ["MaxFields", "MinFields"],
        ["crypto/md5"] = ["BlockSize", "Size", "Sum"],
        ["crypto/sha1"] = ["BlockSize", "Size", "Sum"],
        ["crypto/sha256"] = ["BlockSize", "Size", "Size224", "Sum224", "Sum256"],
        ["crypto/sha512"] = ["BlockSize", "Size", "Size224", "Size256", "Size384", "Sum384", "Sum512", "Sum512_224", "Sum512_256"],
        ["crypto/hmac"] = ["MD5", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512", "SHA512_224", "SHA512_256", "Sign"],
        ["text/tabwriter"] = ["Write"],
        ["text/template"] = ["Execute", "HTMLEscape", "JSEscape"],
        ["path"] =
        [
            "Base", "Clean", "Dir", "Ext", "FromSlash", "IsAbs", "Join", "Match", "Plan9", "Rel", "Resolve", "Split", "SplitList",
            "ToSlash", "Unix", "VolumeName", "Windows",
        ],
        ["time"] =
        [
            "ANSIC", "April", "August", "December", "Duration", "February", "Format", "Friday", "Hour", "January", "July",
            "June", "Kitchen", "Kitchen24", "March", "May", "Microsecond", "Millisecond", "Minute", "Monday", "Nanosecond",
            "November", "October", "Parse", "ParseDuration", "RFC1123", "RFC1123Z", "RFC3339", "RFC3339Date", "RFC3339Nano",
            "RFC822", "RFC822Z", "RFC850", "RubyDate", "Saturday", "Second", "September", "Sunday", "Thursday", "Time",
            "Tuesday", "Unix", "UnixDate", "Wednesday",
        ],
        ["uuid"] = ["FromInt", "MD5", "Parse", "SHA1", "ToInt", "ToString", "URN", "Valid", "Variant", "Version"],
        ["net"] =
        [
            "FQDN", "GlobalUnicastIP", "IP", "IPString", "IPv4", "IPv4len", "IPv6len", "InterfaceLocalMulticastIP", "JoinHostPort",
            "LinkLocalMulticastIP", "LinkLocalUnicastIP", "LoopbackIP", "MulticastIP", "ParseIP", "SplitHostPort", "ToIP16",
            "ToIP4", "UnspecifiedIP",
        ],
        ["html"] = ["Escape", "Unescape"],
    };
}
