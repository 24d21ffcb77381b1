namespace Dagger.MSBuild.UnitTests.Support;

/// <summary>Canned event streams of schema version 1, as docs/events.md describes them.</summary>
internal static class Streams
{
    public const string Plan = "/src/ci";

    public const string RunStarted =
        """{"v":1,"time":"2026-12-05T09:16:05.101Z","level":"info","event":"run.started","message":"running /src/ci on docker+unix:///var/run/docker.sock","plan":"/src/ci","engine":"docker+unix:///var/run/docker.sock","platform":null,"version":"0.2.0","command":"up","environment":null}""";

    public const string TaskStarted =
        """{"v":1,"time":"2026-12-05T09:16:05.342Z","level":"info","event":"task.started","message":"computing","task":"test","span":{"file":"main.cue","line":6,"column":1,"endLine":12,"endColumn":2}}""";

    public const string TaskLog =
        """{"v":1,"time":"2026-12-05T09:16:05.910Z","level":"info","event":"task.log","message":"FAIL: TestParse {0}","task":"test","op":"test.#up[1]","opIndex":1,"stream":"stdout"}""";

    public const string TaskFailed =
        """{"v":1,"time":"2026-12-05T09:16:06.020Z","level":"error","event":"task.failed","message":"test.#up[1]: exec sh -c 'go test': exited with code 1","task":"test","code":"DAG4001","span":{"file":"main.cue","line":9,"column":3,"endLine":11,"endColumn":4},"op":"test.#up[1]","opIndex":1,"exitCode":1,"duration":0.68,"logTail":["ok   pkg/a","FAIL: TestParse {0}"]}""";

    public const string RunFailed =
        """{"v":1,"time":"2026-12-05T09:16:06.024Z","level":"error","event":"run.completed","message":"failed in 0.92s","result":"failure","exitCode":1,"duration":0.923,"counts":{"tasks":1,"computed":0,"skipped":0,"failed":1,"cancelled":0,"solves":1,"waves":0,"fills":1},"outputs":[],"tasks":[{"path":"test","status":"failed","duration":0.68,"span":{"file":"main.cue","line":6,"column":1,"endLine":12,"endColumn":2}}],"error":{"code":"DAG4001","message":"test.#up[1]: exec sh -c 'go test': exited with code 1","task":"test","span":{"file":"main.cue","line":9,"column":3,"endLine":11,"endColumn":4}}}""";

    public const string TaskCompleted =
        """{"v":1,"time":"2026-12-05T09:16:06.020Z","level":"info","event":"task.completed","message":"completed in 0.68s","task":"test","duration":0.68,"exports":["test"],"values":{"test":"ok"},"cached":true}""";

    public const string OpStarted =
        """{"v":1,"time":"2026-12-05T09:16:05.400Z","level":"debug","event":"op.started","message":"exec sh -c make","task":"test","op":"test.#up[1]","opIndex":1,"description":"exec sh -c make"}""";

    public const string RunSucceeded =
        """{"v":1,"time":"2026-12-05T09:16:06.024Z","level":"info","event":"run.completed","message":"succeeded in 0.92s","result":"success","exitCode":0,"duration":0.923,"counts":{"tasks":2,"computed":1,"skipped":1,"failed":0,"cancelled":0,"solves":3,"waves":2,"fills":1},"outputs":[{"path":"app.digest","value":"sha256:0123;abc","cue":"\"sha256:0123;abc\"","description":"The image's digest."},{"path":"app.replicas","value":{"count":3,"names":["a","b"]},"cue":"{count: 3}","description":null},{"path":"app.pending","value":null,"cue":"string","description":null}],"tasks":[{"path":"test","status":"computed","duration":0.68}]}""";

    public const string TaskSkipped =
        """{"v":1,"time":"2026-12-05T09:16:05.500Z","level":"warn","event":"task.skipped","message":"app.deploy: pipeline was partially executed because of missing inputs","task":"app.deploy","code":"DAG2003","span":{"file":"deploy/deploy.cue","line":3,"column":2,"endLine":3,"endColumn":20},"waitingFor":["registry.token","app.host"]}""";

    public const string Conflict =
        """{"v":1,"time":"2026-12-05T09:16:05.200Z","level":"error","event":"diagnostic","message":"app.port: conflicting values 80 and \"http\"","code":"DAG1002","span":{"file":"main.cue","line":29,"column":12,"endLine":29,"endColumn":14},"related":[{"file":"/shared/values.cue","line":4,"column":8,"endLine":4,"endColumn":14}],"path":"app.port"}""";

    public const string EngineUnreachable =
        """{"v":1,"time":"2026-12-05T09:16:05.200Z","level":"error","event":"diagnostic","message":"no BuildKit engine answered at tcp://127.0.0.1:1","code":"DAG3001"}""";

    public const string RunCancelled =
        """{"v":1,"time":"2026-12-05T09:16:07.000Z","level":"error","event":"run.completed","message":"cancelled after 2.0s","result":"cancelled","exitCode":130,"duration":2.0,"counts":{"tasks":1,"computed":0,"skipped":0,"failed":0,"cancelled":1,"solves":1,"waves":0,"fills":0},"outputs":[],"tasks":[{"path":"test","status":"cancelled","duration":1.5}],"error":{"code":"DAG4004","message":"the run was cancelled"}}""";

    public const string TaskCancelled =
        """{"v":1,"time":"2026-12-05T09:16:07.000Z","level":"warn","event":"task.cancelled","message":"test: cancelled","task":"test","code":"DAG4004","duration":0.5}""";

    /// <summary>The lines, each ended by a newline, as the tool writes them.</summary>
    public static string Of(params string[] lines) => string.Concat(lines.Select(l => l + "\n"));
}
