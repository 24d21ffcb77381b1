using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>Collects the members of one builtin package.</summary>
internal sealed class PackageBuilder(string path)
{
    private readonly Dictionary<string, Value> _members = new(StringComparer.Ordinal);

    public PackageBuilder Fn(string name, Kind[] ps, Kind result, Func<BuiltinCall, Value> impl, bool variadic = false)
    {
        _members[name] = new BuiltinValue(new Builtin { Name = $"{path}.{name}", Params = ps, Result = result, Impl = impl, Variadic = variadic });
        return this;
    }

    public PackageBuilder Const(string name, Value v)
    {
        _members[name] = v;
        return this;
    }

    public PackageValue Build() => new(path, _members);

    public static Value Str(string s) => new StringValue(s);

    public static Value Bool(bool b) => BoolValue.Of(b);

    public static Value Int(System.Numerics.BigInteger i) => NumValue.Int(i);
}
