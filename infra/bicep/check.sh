#!/usr/bin/env bash
# Offline build + lint of the Bicep deployment (infra/bicep). Needs only the .NET SDK and NuGet:
# the Bicep CLI comes from the Azure.Bicep.CommandLine.linux-x64 package via tools/bicep/Bicep.Tool.csproj.
# Fails if any command fails OR any Warning/Error diagnostic is printed (bicep exits 0 on warnings).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tool_proj="$root/tools/bicep/Bicep.Tool.csproj"
# The pinned CLI version lives in one place: the PackageDownload in the tool project.
bicep_version="$(sed -n 's/.*"Azure\.Bicep\.CommandLine\.linux-x64" Version="\[\([0-9.]*\)\]".*/\1/p' "$tool_proj")"
if [[ -z "$bicep_version" ]]; then
  echo "bicep: cannot read the Azure.Bicep.CommandLine.linux-x64 version from $tool_proj" >&2
  exit 1
fi
outdir="artifacts/bicep"   # relative to the repo root (git-ignored)

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if ! restore_log="$(dotnet restore "$tool_proj" --verbosity quiet 2>&1)"; then
  printf '%s\n' "$restore_log"
  echo "bicep: restore of $tool_proj failed" >&2
  exit 1
fi

# Global packages folder as NuGet sees it (honours NUGET_PACKAGES and NuGet.config).
pkg_root="$(dotnet msbuild "$tool_proj" -getProperty:NuGetPackageRoot 2>/dev/null | tail -n 1 || true)"
pkg_root="${pkg_root:-${NUGET_PACKAGES:-$HOME/.nuget/packages}}"
bicep="${pkg_root%/}/azure.bicep.commandline.linux-x64/$bicep_version/tools/bicep"
if [[ ! -f "$bicep" ]]; then
  echo "bicep: CLI not found at $bicep after restore" >&2
  exit 1
fi
[[ -x "$bicep" ]] || chmod +x "$bicep"

cd "$root"
rm -rf "$outdir"
mkdir -p "$outdir"

log=""
failed=0
run() {
  local out rc=0
  out="$("$@" 2>&1)" || rc=$?
  log+="\$ bicep ${*:2}"$'\n'
  [[ -n "$out" ]] && log+="$out"$'\n'
  if (( rc != 0 )); then
    log+="(exit $rc)"$'\n'
    failed=1
  fi
}

mapfile -t files < <(find infra/bicep -type f \( -name '*.bicep' -o -name '*.bicepparam' \) | LC_ALL=C sort)
if (( ${#files[@]} == 0 )); then
  echo "bicep: no .bicep files under infra/bicep" >&2
  exit 1
fi

run "$bicep" --version
run "$bicep" build infra/bicep/main.bicep --outdir "$outdir"
for f in "${files[@]}"; do
  if [[ "$f" == *.bicepparam ]]; then
    run "$bicep" build-params "$f" --outfile "$outdir/$(basename "${f%.bicepparam}").parameters.json"
  fi
  run "$bicep" lint "$f"
done

printf '%s' "$log"

diagnostics="$(grep -cE '(: |^)(Warning|Error) [A-Za-z0-9-]+:' <<<"$log" || true)"
if (( failed != 0 || diagnostics != 0 )); then
  echo "bicep: FAILED (${diagnostics} diagnostic line(s), a command exited non-zero: $([[ $failed == 1 ]] && echo yes || echo no))" >&2
  exit 1
fi
echo "bicep: build+lint clean (${#files[@]} files)"
