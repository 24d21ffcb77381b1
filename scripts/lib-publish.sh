# Sourced by scripts: publish_tool OUT publishes the dagger tool, ReadyToRun-compiled for this machine's runtime
# (what users of scripts/dagger run and what bench/cue-scaling measures), into OUT. Incremental: about 2 s when
# nothing changed. The build log goes to OUT.log; on failure it is printed and the function returns 1.
publish_tool() {
  local out=$1 root rid
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  rid=$(dotnet --info 2>/dev/null | awk '$1 == "RID:" {print $2; exit}')
  if ! dotnet publish "$root/src/Dagger.Tool/Dagger.Tool.csproj" -c Release ${rid:+-r "$rid"} --self-contained false \
      -nologo -v q -clp:ErrorsOnly -o "$out" >"$out.log" 2>&1; then
    cat "$out.log" >&2
    return 1
  fi
}
