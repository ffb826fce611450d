#!/usr/bin/env bash
# A soak of SupportBot alone (its own process, driven over HTTP by the peer kit's driver): C concurrent intakes for
# S seconds, then I seconds with nothing to do. Prints the bot's resident set every 30 s of load and every 15 s of idle.
#
#   bench/peer/soak.sh                 # 20 conversations, 300 s, 90 s idle
#   C=50 S=120 I=60 bench/peer/soak.sh
# Extra environment for the bot (e.g. DOTNET_TieredPGO=0) can be passed as BOT_ENV="K=V K2=V2".
# Extra publish flags (e.g. a ReadyToRun build) as PUBLISH_ARGS="-r linux-x64 --self-contained false -p:PublishReadyToRun=true".
# GCDUMP=/path/x.gcdump takes a heap dump (dotnet-gcdump) once the idle part is over, to see what the heap holds then.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
PEER_KIT=${PEER_KIT:-$repo/../shared/peer-bench}
C=${C:-20} S=${S:-300} I=${I:-90} PORT=${PORT:-3983}
WORK=$(mktemp -d /tmp/supportbot-soak.XXXXXX)
cp -r "$PEER_KIT/driver" "$WORK/driver"
chmod -R u+w "$WORK/driver"   # the kit may be read-only; npm ci writes node_modules into the copy
(cd "$WORK/driver" && npm ci --no-audit --no-fund --silent)
# shellcheck disable=SC2086
dotnet publish "$repo/src/SupportBot" -c Release -o "$WORK/supportbot" -m:1 -v:q -nologo ${PUBLISH_ARGS:-} > "$WORK/publish.log" || { cat "$WORK/publish.log" >&2; exit 1; }
mkdir -p "$WORK/data"
# shellcheck disable=SC2086
(cd "$WORK/supportbot" && exec env ${BOT_ENV:-} Urls="http://127.0.0.1:$PORT" Storage__DatabasePath="$WORK/data/supportbot.db" \
   Logging__LogLevel__Default=Warning dotnet SupportBot.dll) > "$WORK/bot.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
rss() {
  awk '/VmRSS/ {printf "%.0f MB", $2 / 1024} /^Threads/ {printf ", %d threads", $2}' "/proc/$PID/status"
  awk '/^Anonymous:/ {a=$2} /^Pss_Shmem:/ {s=$2} END {printf " (anonymous %.0f, shared %.0f)", a/1024, s/1024}' "/proc/$PID/smaps_rollup"
}
echo "started: $(rss)"
node "$WORK/driver/load.mjs" --url "http://127.0.0.1:$PORT/api/messages" --script "$here/supportbot-intake.json" \
  --conversations 1000000 --concurrency "$C" --conversation-update --duration-limit "$S" --channel-id webchat \
  --pid "$PID" --label "supportbot soak c$C ${S}s" --out "$WORK/soak.json" --quiet >/dev/null &
DRIVER=$!
for t in $(seq 30 30 "$S"); do sleep 30; echo "load ${t} s: $(rss)"; done
wait $DRIVER || true     # the duration limit ends it with conversations left undone: expected
for t in $(seq 15 15 "$I"); do sleep 15; echo "idle ${t} s: $(rss)"; done
# What the resident set is made of: the process's own memory (GC heap, native), mapped files (the runtime's and
# the app's assemblies, the knowledge index), and shared memory (the JIT's code, mapped twice under W^X).
awk '/^Anonymous:/ {a=$2} /^Pss_File:/ {f=$2} /^Pss_Shmem:/ {s=$2} /^Rss:/ {r=$2}
     END {printf "resident %.0f MB: anonymous %.0f, files %.0f (proportional), shared memory %.0f\n", r/1024, a/1024, f/1024, s/1024}' "/proc/$PID/smaps_rollup"
# The biggest shares by mapping (anonymous memory grouped as one line), to see which files and regions stay resident.
awk '/^[0-9a-f]+-[0-9a-f]+ / {name = (NF >= 6 ? $6 : "[anonymous]")} /^Rss:/ {rss[name] += $2}
     END {for (n in rss) if (rss[n] >= 2048) printf "  %7.1f MB  %s\n", rss[n]/1024, n}' "/proc/$PID/smaps" | sort -rn | head -15
if [ -n "${GCDUMP:-}" ]; then "${DOTNET_TOOLS:-$HOME/.dotnet/tools}/dotnet-gcdump" collect -p "$PID" -o "$GCDUMP" >/dev/null; fi
node -e "const o=JSON.parse(require('fs').readFileSync('$WORK/soak.json','utf8')); console.log('turns ' + o.turns + ', ' + o.turnsPerSecond + ' turns/s, p50 ' + o.latencyMs.p50 + ' ms, p99 ' + o.latencyMs.p99 + ' ms, conversations completed ' + o.conversations.completed + ', failed ' + o.conversations.failed + ', peak RSS ' + o.target.rssPeakMB + ' MB')"
