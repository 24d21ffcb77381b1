// The package is packed once for the run; the classes share it and run in parallel.
[assembly: Parallelize(Scope = ExecutionScope.ClassLevel)]
