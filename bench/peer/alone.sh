#!/usr/bin/env bash
# One run of SupportBot alone at c50 (the peer kit's driver, the intake script of run-side-by-side.sh), with extra
# runtime settings, for A/B runs of a setting against the default; alternate them, one process per run.
#
#   bench/peer/alone.sh PUBLISH_DIR LABEL [K=V ...]
#   dotnet publish src/SupportBot -c Release -o /tmp/sb-pub -m:1
#   for s in X=1 DOTNET_gcConcurrent=0 DOTNET_gcConcurrent=0 X=1; do bench/peer/alone.sh /tmp/sb-pub "$s" "$s"; done
#
# Prints one line: seconds to /healthz, turns/s, p50/p99 ms, failed conversations, peak RSS, load average.
# N (3000 conversations), C (50) and WARMUP (1000) can be changed from the environment.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
PEER_KIT=${PEER_KIT:-$repo/../shared/peer-bench}
PUB=$1 LABEL=$2; shift 2
N=${N:-3000} C=${C:-50} WARMUP=${WARMUP:-1000} PORT=${PORT:-3991}
WORK=$(mktemp -d /tmp/supportbot-alone.XXXXXX)
cp -r "$PEER_KIT/driver" "$WORK/driver"
chmod -R u+w "$WORK/driver"   # the kit may be read-only; npm ci writes node_modules into the copy
(cd "$WORK/driver" && npm ci --no-audit --no-fund --silent)
(cd "$PUB" && exec env "$@" Urls="http://127.0.0.1:$PORT" Storage__DatabasePath="$WORK/supportbot.db" \
   Logging__LogLevel__Default=Warning dotnet SupportBot.dll) > "$WORK/bot.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
start=$(date +%s.%N)
for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
ready=$(date +%s.%N)
node "$WORK/driver/load.mjs" --url "http://127.0.0.1:$PORT/api/messages" --script "$here/supportbot-intake.json" \
  --conversations "$N" --concurrency "$C" --conversation-update --expect 'TS-\d{8}-\d+' --duration-limit 300 \
  --warmup "$WARMUP" --pid "$PID" --channel-id webchat --label "$LABEL" --out "$WORK/r.json" --quiet >/dev/null ||
  echo "driver: not every conversation completed" >&2
node -e "const o = JSON.parse(require('fs').readFileSync('$WORK/r.json', 'utf8'));
console.log('$LABEL', 'ready in', ($ready - $start).toFixed(1) + ' s,', o.turnsPerSecond + ' turns/s, p50 ' + o.latencyMs.p50 +
  ' ms, p99 ' + o.latencyMs.p99 + ' ms, failed ' + o.conversations.failed + ', peak ' + o.target.rssPeakMB + ' MB, load ' +
  require('os').loadavg()[0].toFixed(1))"
