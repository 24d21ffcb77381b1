using System.Reflection;
using System.Reflection.Emit;

namespace Dagger.Engine.UnitTests.Architecture;

/// <summary>
/// Every type a type uses: in its signatures (base type, interfaces, fields, properties, methods, attributes) and in
/// the IL of its method bodies (calls, field accesses, casts, allocations, tokens), nested and compiler-generated
/// types (closures, async state machines) included.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The types <paramref name="type"/> uses, with where each use is.</summary>
    public static IEnumerable<(Type Used, string Where)> Of(Type type)
    {
        var found = new List<(Type, string)>();
        void Add(Type? t, string where)
        {
            foreach (var u in Expand(t))
            {
                found.Add((u, where));
            }
        }

        Add(type.BaseType, "base type");
        foreach (var i in type.GetInterfaces())
        {
            Add(i, "interface");
        }

        foreach (var a in type.GetCustomAttributesData())
        {
            Add(a.AttributeType, "attribute");
        }

        foreach (var f in type.GetFields(All))
        {
            Add(f.FieldType, $"field {f.Name}");
        }

        foreach (var p in type.GetProperties(All))
        {
            Add(p.PropertyType, $"property {p.Name}");
        }

        foreach (var m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (m is MethodInfo info)
            {
                Add(info.ReturnType, $"{m.Name} returns");
            }

            foreach (var p in m.GetParameters())
            {
                Add(p.ParameterType, $"{m.Name} parameter {p.Name}");
            }

            foreach (var (used, what) in InBody(m))
            {
                Add(used, $"{m.Name} {what}");
            }
        }

        return found;
    }

    // The type itself, its element type, its generic arguments and the types it is nested in.
    private static IEnumerable<Type> Expand(Type? type)
    {
        if (type is null || type.IsGenericParameter)
        {
            yield break;
        }

        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType()))
            {
                yield return t;
            }

            yield break;
        }

        yield return type;
        if (type.IsGenericType)
        {
            foreach (var t in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return t;
            }
        }
    }

    private static IEnumerable<(Type Used, string What)> InBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var module = method.Module;
        var typeArgs = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var i = 0;
        while (i < il.Length)
        {
            var value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            var code = OpCodesByValue[value];
            i += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    {
                        var token = BitConverter.ToInt32(il, i);
                        var member = module.ResolveMember(token, typeArgs, methodArgs);
                        if (member is Type t)
                        {
                            yield return (t, $"uses {t.Name}");
                        }
                        else if (member is not null)
                        {
                            yield return (member.DeclaringType!, $"uses {member.DeclaringType!.Name}.{member.Name}");
                            if (member is FieldInfo f)
                            {
                                yield return (f.FieldType, $"reads {member.Name}");
                            }
                            else if (member is MethodInfo m)
                            {
                                yield return (m.ReturnType, $"calls {member.Name}");
                                foreach (var g in m.IsGenericMethod ? m.GetGenericArguments() : [])
                                {
                                    yield return (g, $"calls {member.Name}<{g.Name}>");
                                }
                            }
                        }

                        i += 4;
                        break;
                    }

                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                default:
                    i += 4;
                    break;
            }
        }
    }
}
