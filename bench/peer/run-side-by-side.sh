#!/usr/bin/env bash
# SupportBot beside the Bot Framework JS SDK peer, driven by the peer kit's own driver in the same run.
#
#   bench/peer/run-side-by-side.sh                        # c1 (300 conversations) and c50 (2,000), both bots
#   RUNS='c50:50:2000' WARMUP=200 bench/peer/run-side-by-side.sh
#
# Each run starts a fresh process of each bot (so one run's memory does not leak into the next), peer first,
# then SupportBot (Release, durable LiteDB in a fresh temp directory, the shipped appsettings.json). Both get the
# same driver flags; only the script differs: the peer's nine-turn dialog, SupportBot's ten-turn intake that ends with
# the press on the confirmation card's Submit (supportbot-intake.json; eleven turns before a known system's category
# went unasked). Reports: $OUT/<bot>-<run>.json. Extra environment for SupportBot (an A/B of a runtime setting) can be
# passed as BOT_ENV="K=V K2=V2".
# The peer kit is copied out of ../shared/peer-bench first, so its npm install never writes into the shared folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
PEER_KIT=${PEER_KIT:-$repo/../shared/peer-bench}
WORK=${WORK:-$(mktemp -d /tmp/supportbot-side-by-side.XXXXXX)}
OUT=${OUT:-$WORK/results}
WARMUP=${WARMUP:-20}
RUNS=${RUNS:-'c1:1:300
c50:50:2000'}
PEER_PORT=3979 SB_PORT=3981
mkdir -p "$OUT"

cp -r "$PEER_KIT" "$WORK/peer-bench"
chmod -R u+w "$WORK/peer-bench"   # the kit may be read-only; npm ci writes node_modules into the copy
(cd "$WORK/peer-bench/driver" && npm ci --no-audit --no-fund --silent)
(cd "$WORK/peer-bench/botbuilder-js-intake" && npm_config_yes=true npm ci --no-audit --no-fund --silent)
dotnet publish "$repo/src/SupportBot" -c Release -o "$WORK/supportbot" -m:1 -v:q -nologo > "$WORK/publish.log" || { cat "$WORK/publish.log" >&2; exit 1; }

wait_healthy() { for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0; sleep 0.2; done; echo "no answer on port $1" >&2; return 1; }

drive() { # bot-name run-name concurrency conversations script expect-flag... ; uses $PID and $PORT
  local bot=$1 name=$2 c=$3 n=$4 script=$5
  node "$WORK/peer-bench/driver/load.mjs" --url "http://127.0.0.1:$PORT/api/messages" --script "$script" \
    --conversations "$n" --concurrency "$c" --conversation-update --expect 'TS-\d{8}-\d+' \
    --duration-limit 600 --warmup "$WARMUP" --pid "$PID" --channel-id webchat \
    --label "$bot $name" --out "$OUT/$bot-$name.json" --quiet >/dev/null || echo "driver: $bot $name did not complete every conversation" >&2
  kill "$PID"; wait "$PID" 2>/dev/null || true
}

while IFS= read -r run; do
  [ -z "$run" ] && continue
  IFS=: read -r NAME C N <<< "$run"

  PORT=$PEER_PORT node "$WORK/peer-bench/botbuilder-js-intake/index.js" > "$OUT/peer-$NAME.log" 2>&1 &
  PID=$! PORT=$PEER_PORT
  wait_healthy $PORT
  drive botbuilder-js-intake "$NAME" "$C" "$N" "$WORK/peer-bench/scripts/peer-intake.json"

  data="$WORK/data-$NAME"; mkdir -p "$data"
  # shellcheck disable=SC2086
  (cd "$WORK/supportbot" && exec env ${BOT_ENV:-} Urls="http://127.0.0.1:$SB_PORT" Storage__DatabasePath="$data/supportbot.db" \
     Logging__LogLevel__Default=Warning dotnet SupportBot.dll) > "$OUT/supportbot-$NAME.log" 2>&1 &
  PID=$! PORT=$SB_PORT
  wait_healthy $PORT
  drive supportbot "$NAME" "$C" "$N" "$here/supportbot-intake.json"
done <<< "$RUNS"

node "$WORK/peer-bench/driver/summarize.mjs" "$OUT"
echo "reports: $OUT" >&2
