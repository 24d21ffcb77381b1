// Computes the golden digests asserted by GoldenDigestTests.cs with BuildKit's own Go client.
//
// Run it inside a checkout of moby/buildkit at commit eeb7b65ab7d6 (the one Docker Engine 20.10 vendors), offline:
//
//	mkdir -p cmd/llbgolden && cp main.go cmd/llbgolden/ && GOFLAGS=-mod=vendor go run ./cmd/llbgolden
//
// Each line is "<graph> <digest> <op bytes in hex>", in definition order; the last line of a graph is the result pointer.
package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"time"

	"github.com/moby/buildkit/client/llb"
	digest "github.com/opencontainers/go-digest"
	specs "github.com/opencontainers/image-spec/specs-go/v1"
)

func dump(name string, s llb.State) {
	def, err := s.Marshal(context.TODO(), llb.LinuxAmd64)
	if err != nil {
		fmt.Fprintln(os.Stderr, name, err)
		os.Exit(1)
	}
	for _, dt := range def.Def {
		fmt.Printf("%s %s %x\n", name, digest.FromBytes(dt), dt)
	}
}

func main() {
	busybox := llb.Image("busybox")
	dump("image", busybox)

	e := busybox.AddEnv("A", "1").AddEnv("B", "2").AddEnv("A", "3").Dir("/work").Dir("sub").User("nobody").
		Run(llb.Args([]string{"sh", "-c", "echo hi > /out/x"}),
			llb.AddMount("/out", llb.Scratch()),
			llb.AddMount("/cache", llb.Scratch(), llb.AsPersistentCacheDir("c1", llb.CacheMountLocked)),
			llb.AddMount("/tmp", llb.Scratch(), llb.Tmpfs()),
			llb.AddMount("/src", llb.Image("alpine"), llb.SourcePath("/etc"), llb.Readonly),
			llb.AddSecret("/run/secrets/token", llb.SecretID("token")),
			llb.Network(llb.NetModeNone))
	dump("exec-out", e.GetMount("/out"))
	dump("exec-root", e.Root())

	f := llb.Scratch().Dir("/w").File(llb.Mkdir("a", 0755, llb.WithParents(true)).
		Mkfile("a/f", 0644, []byte("hi")).
		Copy(llb.Image("alpine").Dir("/etc"), "os-release", "a/", &llb.CopyInfo{CreateDestPath: true, AllowWildcard: true}, llb.WithUser("app:staff")).
		Rm("a/f", llb.WithAllowNotFound(true)))
	dump("file", f)

	dump("git", llb.Git("https://github.com/dagger/dagger.git", "main", llb.KeepGitDir()))
	dump("git-bare", llb.Git("github.com/dagger/dagger", ""))
	dump("git-ssh", llb.Git("git@github.com:dagger/dagger.git", "v1", llb.KnownSSHHosts("github.com ssh-ed25519 AAAA")))
	dump("http", llb.HTTP("https://example.com/f.tgz", llb.Checksum(digest.Digest("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")), llb.Filename("f.tgz"), llb.Chmod(0755), llb.Chown(1000, 1001)))
	dump("local", llb.Local("ctx", llb.SessionID("s1"), llb.IncludePatterns([]string{"src/**", "a<b"}), llb.ExcludePatterns([]string{"bin"}), llb.SharedKeyHint("h")))

	arm := llb.Image("busybox:1.36", llb.Platform(specs.Platform{OS: "linux", Architecture: "arm64"}))
	dump("arm", arm.Run(llb.Args([]string{"true"}), llb.WithCustomName("a/b"), llb.IgnoreCache).Root())

	alpine := llb.Image("alpine")

	dump("copyfas", busybox.File(llb.Copy(llb.Mkdir("/out", 0755).Mkfile("/out/x", 0644, []byte("1")).WithState(llb.Scratch()), "/out", "/dest")))

	ssh := busybox.AddExtraHost("reg", net.ParseIP("10.0.0.5")).Hostname("h").Security(llb.SecurityModeInsecure).
		Run(llb.Args([]string{"ssh", "x"}),
			llb.AddSSHSocket(),
			llb.AddSSHSocket(llb.SSHID("work"), llb.SSHSocketTarget("/ssh/agent")),
			llb.WithProxy(llb.ProxyEnv{HTTPProxy: "http://p:3128", NoProxy: "localhost"}),
			llb.AddMount("/c", llb.Scratch(), llb.AsPersistentCacheDir("c2", llb.CacheMountPrivate)),
			llb.AddMount("/nooutput", alpine, llb.ForceNoOutput),
			llb.AddMount("/sel", alpine, llb.SourcePath("/etc")),
			llb.ReadonlyRootFS())
	dump("ssh", ssh.GetMount("/sel"))

	mode := os.FileMode(0755)
	ts := time.Unix(1600000000, 500)
	f2 := alpine.Dir("/app").File(llb.Mkfile("conf", 0600, []byte("x"), llb.WithUser("app"), llb.WithCreatedTime(ts)).
		Copy(llb.Local("ctx", llb.SessionID("s"), llb.FollowPaths([]string{"a", "b"})), "src/", "./dst/",
			&llb.CopyInfo{Mode: &mode, FollowSymlinks: true, CopyDirContentsOnly: true, AttemptUnpack: true, AllowEmptyWildcard: true}, llb.WithCreatedTime(ts)).
		Mkdir("/x/y", 0700, llb.WithParents(true), llb.WithUIDGID(1, 2)).
		Rm("*.tmp", llb.WithAllowWildcard(true)))
	dump("files2", f2)

	dump("imgdigest", llb.Image("alpine@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
	dump("imglocal", llb.Image("localhost:5000/x/y:1", llb.ResolveModePreferLocal))
	dump("scratchexec", llb.Scratch().Run(llb.Args([]string{"/bin/true"})).Root())
	dump("httpplain", llb.HTTP("http://example.com/x"))
	dump("localplain", llb.Local("ctx", llb.SessionID("s")))
}
