[assembly: Parallelize(Scope = ExecutionScope.ClassLevel)]

// The dagger on PATH is a bash shim, as on the Linux and macOS runners.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
