# Sourced by scripts: publish_tool OUT publishes the dagger tool for this machine into OUT and sets DAGGER_TOOL_CMD
# (an array) to the command that runs it. What users of scripts/dagger run and what the bench/ scripts measure.
#
# The tool is a native executable (Native AOT) where a C toolchain can link one (clang, or gcc), and otherwise
# ReadyToRun-compiled .NET; DAGGER_PUBLISH=native or DAGGER_PUBLISH=r2r chooses. Native starts in a tenth of the
# time and spends none compiling code as it runs (a warm `up` takes a third, bench/README.md), but publishing it
# compiles the whole program: minutes, once per change (an unchanged tool publishes in seconds either way).
# The build log goes to OUT.log; on failure it is printed and the function returns 1.
publish_tool() {
  local out=$1 root rid mode=${DAGGER_PUBLISH:-auto} how=()
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  rid=$(dotnet --info 2>/dev/null | awk '$1 == "RID:" {print $2; exit}')
  if [ "$mode" = auto ]; then
    if [ -n "$rid" ] && { command -v clang || command -v gcc; } >/dev/null 2>&1; then
      # A toolchain that cannot link after all (a missing library) still leaves a working tool.
      DAGGER_PUBLISH=native publish_tool "$out" && return 0
      echo "publishing a native tool failed (above); publishing it ReadyToRun instead" >&2
    fi
    mode=r2r
  fi
  case "$mode" in
    native)
      how=(-p:PublishAot=true)
      # The native linker step looks for clang; gcc links as well where clang is not installed.
      command -v clang >/dev/null 2>&1 || how+=(-p:CppCompilerAndLinker=gcc)
      ;;
    r2r) how=(--self-contained false) ;;
    *) echo "DAGGER_PUBLISH must be native or r2r, not '$mode'" >&2; return 1 ;;
  esac
  mkdir -p "$(dirname "$out")"
  if ! dotnet publish "$root/src/Dagger.Tool/Dagger.Tool.csproj" -c Release ${rid:+-r "$rid"} "${how[@]}" \
      -nologo -v q -clp:ErrorsOnly -o "$out" >"$out.log" 2>&1; then
    cat "$out.log" >&2
    return 1
  fi
  # Which kind the folder holds, for whoever runs it later.
  echo "$mode" >"$out.kind"
  tool_command "$out"
}

# tool_command OUT sets DAGGER_TOOL_CMD to the command that runs the tool published into OUT.
tool_command() {
  local out
  out=$(cd "$1" && pwd)
  case "$(cat "$1.kind" 2>/dev/null)" in
    native) DAGGER_TOOL_CMD=("$out/dagger") ;;
    *) DAGGER_TOOL_CMD=(dotnet "$out/dagger.dll") ;;
  esac
}
