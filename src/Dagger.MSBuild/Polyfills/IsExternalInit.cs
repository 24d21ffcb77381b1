#if NETFRAMEWORK
namespace System.Runtime.CompilerServices;

// Records and init accessors need this type, which .NET Framework does not have; the compiler only looks it up by name.
internal static class IsExternalInit
{
}
#endif
