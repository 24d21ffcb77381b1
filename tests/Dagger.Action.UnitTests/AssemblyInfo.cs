[assembly: Parallelize(Scope = ExecutionScope.ClassLevel)]

// The fakes (dagger, dotnet) are bash scripts, as on the Linux and macOS runners the action targets first.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
