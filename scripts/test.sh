#!/usr/bin/env bash
# Every test FleetOps has, from a fresh clone: installs Azurite (npm, pinned), builds the solution with warnings as
# errors, runs all test projects, publishes the Functions app and builds + lints the Bicep.
# The last line is "N passed, N failed, N skipped", counted from the test results (TRX) plus the two build checks.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
config=${CONFIGURATION:-Release}
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n== %s\n' "$*"; }
extra_passed=0; extra_failed=0
check() { # a build check counted like a test: name, command...
  local name=$1; shift
  if "$@"; then extra_passed=$((extra_passed + 1)); echo "check passed: $name"
  else extra_failed=$((extra_failed + 1)); echo "check FAILED: $name"; fi
}

step "npm: Azurite (pinned in package.json)"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi || { echo "npm install failed"; echo "0 passed, 1 failed"; exit 1; }

# Warnings are errors through Directory.Build.props (TreatWarningsAsErrors); -warnaserror on the command line would
# also catch NU1603 in the Functions SDK's generated WorkerExtensions project, which our props do not reach.
step "Debian packages: chromium (the report's browser test), prometheus, alertmanager, blackbox_exporter (real peers)"
declare -A binaries=([chromium]=/usr/bin/chromium [prometheus]=/usr/bin/prometheus
  [prometheus-alertmanager]=/usr/bin/prometheus-alertmanager [prometheus-blackbox-exporter]=/usr/bin/prometheus-blackbox-exporter)
missing=()
for package in "${!binaries[@]}"; do [ -x "${binaries[$package]}" ] || missing+=("$package"); done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
      || echo "apt-get install ${missing[*]} failed: the tests that need them will fail and say so"
  else
    echo "missing and not installable here (needs root and apt-get): ${missing[*]}: the tests that need them will fail and say so"
  fi
fi
for package in "${!binaries[@]}"; do [ -x "${binaries[$package]}" ] && echo "$package: ${binaries[$package]}"; done

step "build ($config, warnings as errors)"
if ! dotnet build Functions.sln -c "$config" -nologo -clp:ErrorsOnly; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

step "tests"
# One test project at a time: the end-to-end tests start Azurite, host processes and simulated fleets, and
# probe timeouts must not be starved by a parallel test project on a 2-core machine.
dotnet test Functions.sln -c "$config" --no-build -m:1 --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=minimal" -- RunConfiguration.TreatNoTestsAsError=true
test_exit=$?

step "publish the Functions app"
check "functions-publish" dotnet publish src/FleetOps.Functions -c "$config" -o "$root/artifacts/functions-publish" -nologo -v q -clp:ErrorsOnly

step "bicep build + lint"
check "bicep" bash infra/bicep/check.sh

# Sum the counters of every TRX file: <Counters total=".." executed=".." passed=".." failed=".." ... notExecuted="..">
sum() { grep -ho "$1=\"[0-9]*\"" "$results"/*.trx 2>/dev/null | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
passed=$(( $(sum ' passed') + extra_passed ))
failed=$(( $(sum ' failed') + $(sum ' error') + $(sum ' timeout') + $(sum ' aborted') + extra_failed ))
skipped=$(sum ' notExecuted')
trx_count=$(ls "$results"/*.trx 2>/dev/null | wc -l)
echo
echo "test result files: $trx_count (in artifacts/test-results)"
# Name every failed test with the first line of its message here, beside the summary: a CI log is often read from
# its tail only.
awk '/<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1 }
     want && /<Message>/ { line = $0; sub(/.*<Message>/, "", line); sub(/<\/Message>.*/, "", line); print "FAILED " name ": " line; want = 0 }' \
  "$results"/*.trx 2>/dev/null | head -n 20 || true
if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "dotnet test exited $test_exit without a counted failure: counted as one"; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
