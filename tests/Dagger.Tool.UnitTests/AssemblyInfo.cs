// The rig fixtures (engine, services) are shared by every class; classes still run in parallel.
[assembly: Parallelize(Scope = ExecutionScope.ClassLevel)]
