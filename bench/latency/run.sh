#!/usr/bin/env bash
# Starts the Dashboard (Release, fresh SQLite file, demo off), runs latency.mjs against it, and stops it.
# usage: bench/latency/run.sh [clients=200] [updatesPerSecond=1000] [seconds=30]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d /tmp/coverage-latency.XXXXXX)
key="latency-bench-$(date +%s)-key"
port=5391
(cd "$here" && [[ -d node_modules ]] || npm ci --no-audit --no-fund --silent)
dotnet build -c Release "$root/Dashboard" -v quiet -nologo >/dev/null
cd "$work"
Storage__SqlitePath="$work/coverage.db" Demo__Enabled=false Auth__BootstrapAdminKey="$key" Auth__AllowAnonymousRead=true \
  RateLimit__WritesPerSecond=100000 RateLimit__Burst=100000 RateLimit__AnonymousRequestsPerSecond=0 Logging__LogLevel__Default=Warning \
  dotnet "$root/Dashboard/bin/Release/net10.0/Dashboard.dll" --urls "http://127.0.0.1:$port" --contentRoot "$root/Dashboard" &
app=$!
trap 'kill $app 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 60); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
node "$here/latency.mjs" "http://127.0.0.1:$port" "$key" "$@"
