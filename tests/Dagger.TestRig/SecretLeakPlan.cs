using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dagger.TestRig;

/// <summary>
/// The plan of the leak tests (issue 17), for every front door: its five secrets (<see cref="SecretShapes"/>) are
/// inputs, and it prints, exports, mounts, fails with and passes them on. The input <c>mode</c> picks <c>ok</c>,
/// <c>fail</c> (a command prints the secrets and fails) or <c>buildarg</c> (a secret given as a build argument).
/// </summary>
public static class SecretLeakPlan
{
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Each secret is printed to stdout and stderr, in base64 (alone, and after "user:" as in a Basic header, which
    // shifts its alignment), inside a JSON string; two are printed in two halves a second apart, so that the engine
    // sends them in two chunks.
    private const string Script = """
        for f in one multi regex json short; do
          s=/run/secrets/$f
          echo "plain $f:"; cat $s; echo
          echo "stderr $f:" >&2; cat $s >&2; echo >&2
          echo "base64 $f: $(base64 -w0 < $s)"
          echo "basic $f: $(printf 'user:%s' "$(cat $s)" | base64 -w0)"
          echo "json $f: {\"v\":\"$(sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' $s | awk 'NR>1{printf "\\n"}{printf "%s", $0}')\"}"
        done
        for f in one regex; do
          s=/run/secrets/$f; n=$(wc -c < $s); h=$((n / 2))
          printf 'split: '; head -c $h $s; sleep 1; tail -c +$((h + 1)) $s; echo
        done
        printf printed > /out
        """;

    private const string Plan = """"
        package main

        import (
        	"alpha.dagger.io/dagger"
        	"alpha.dagger.io/docker"
        )

        one:   dagger.#Input & dagger.#Secret
        multi: dagger.#Input & dagger.#Secret
        regex: dagger.#Input & dagger.#Secret
        json:  dagger.#Input & dagger.#Secret
        short: dagger.#Input & dagger.#Secret
        // ok, fail (a command prints the secrets and fails) or buildarg (a secret given as a build argument)
        mode: dagger.#Input & string

        _mounts: {
        	"/run/secrets/one": secret:   one
        	"/run/secrets/multi": secret: multi
        	"/run/secrets/regex": secret: regex
        	"/run/secrets/json": secret:  json
        	"/run/secrets/short": secret: short
        }
        _base: #up: [{do: "fetch-container", ref: "dagger-test/busybox"}]

        printer: {
        	string
        	#up: [
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{do: "write-file", dest: "/leak.sh", content: SCRIPT},
        		{do: "exec", args: ["sh", "/leak.sh"], mount: _mounts},
        		{do: "export", source: "/out"},
        	]
        }

        // every secret, through a file the plan exports
        exported: dagger.#Output & {
        	string
        	#up: [
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{do: "exec", args: ["sh", "-c", "for f in one multi regex json short; do cat /run/secrets/$f; printf ' | '; done > /out"], mount: _mounts},
        		{do: "export", source: "/out"},
        	]
        }

        // the exported secrets, given on to a command's arguments and environment
        consumer: {
        	string
        	#up: [
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{do: "exec", args: ["sh", "-c", "echo \"argument: $1\"; echo \"environment: $LEAKED\"; printf '%s' \"$1\" > /out", "consumer", exported], env: LEAKED: exported},
        		{do: "export", source: "/out"},
        	]
        }

        built: {
        	string
        	#up: [
        		{do: "docker-build", dockerfile: """
        			FROM dagger-test/busybox
        			RUN --mount=type=secret,id=dagger-secret:one,target=/s --mount=type=secret,id=dagger-secret:json,target=/j cat /s /j && base64 /s && printf built > /built
        			"""},
        		{do: "export", source: "/built"},
        	]
        }

        if mode == "fail" {
        	failing: {
        		string
        		#up: [
        			{do: "fetch-container", ref: "dagger-test/busybox"},
        			// The exported secrets are arguments too, where the op's description (cut at 120 characters) cuts one.
        			{
        				do: "exec"
        				args: ["sh", "-c", "eval \"$SCRIPT\"", "failing", "PAD", exported]
        				env: SCRIPT: "echo \"failing with $2\"; cat /run/secrets/one /run/secrets/json; printf 'user:%s' \"$(cat /run/secrets/short)\" | base64; exit 1"
        				mount: _mounts
        			},
        			{do: "export", source: "/out"},
        		]
        	}
        }

        if mode == "buildarg" {
        	image: docker.#Build & {
        		source:     _base
        		dockerfile: "FROM dagger-test/busybox\nARG TOKEN\nRUN echo \"$TOKEN\"\n"
        		args: TOKEN: one
        	}
        }
        """";

    // 'exec sh -c eval "$SCRIPT" failing ' is 34 characters, and 66 more with the padding and its space: the
    // description's cut at 119 falls in the first exported secret.
    /// <summary>
    /// The plan with every exec and Dockerfile command marked for <paramref name="frontDoor"/>, so that no vertex is
    /// shared with the same plan run by another front door's tests at the same moment: the BuildKit of Debian's
    /// docker.io 20.10 panics ("failed to get edge") when a solve without the cache shares vertices with another
    /// session's, which took the engine down for a whole CI run.
    /// </summary>
    public static string For(string frontDoor) => Text
        .Replace("\"sh\", \"-c\", \"", $"\"sh\", \"-c\", \": {frontDoor}; ", StringComparison.Ordinal)
        .Replace("content: \"", $"content: \": {frontDoor}\\n", StringComparison.Ordinal)
        .Replace(" cat /s /j &&", $" : {frontDoor} && cat /s /j &&", StringComparison.Ordinal)
        .Replace("RUN echo", $"RUN : {frontDoor} && echo", StringComparison.Ordinal);

    /// <summary>The plan as the tool's own leak test runs it.</summary>
    public static string Text { get; } = Plan
        .Replace("content: SCRIPT", "content: " + JsonSerializer.Serialize(Script, RelaxedJson), StringComparison.Ordinal)
        .Replace("\"PAD\"", "\"" + new string('p', 65) + "\"", StringComparison.Ordinal);
}
