#!/usr/bin/env bash
# Full intake through the peer kit's driver against four set-ups in one run, each a fresh process (and database):
#   peer    the Bot Framework JS SDK peer (../shared/peer-bench), MemoryStorage
#   litedb  one SupportBot on LiteDB (the default)
#   pg1     one SupportBot on PostgreSQL
#   pg2     two SupportBots on one PostgreSQL database behind nginx (round-robin), as the README's "Several instances"
#
#   bench/cluster/run.sh                                   # c50 and c200, 2,000 conversations each, all four
#   RUNS='c50:50:2000' MODES='pg1 pg2' bench/cluster/run.sh
#   PUBLISHED=/tmp/earlier-run/supportbot RUNS='c200:200:1000' bench/cluster/run.sh   # reuse a Release publish
#
# PostgreSQL is a private cluster of Debian's server binaries in $WORK (as the postgres user when run as root), with
# its default durability (fsync, synchronous commit), on 127.0.0.1 only; nginx is Debian's, run in the foreground with
# its own configuration in $WORK (the distro's services are never used). Reports: $OUT/<mode>-<run>.json (the driver's)
# and $OUT/<mode>-<run>.rss (peak resident memory of each process); a Markdown table at the end.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
PEER_KIT=${PEER_KIT:-$repo/../shared/peer-bench}
WORK=${WORK:-$(mktemp -d /tmp/supportbot-cluster-bench.XXXXXX)}
OUT=${OUT:-$WORK/results}
WARMUP=${WARMUP:-200}
MODES=${MODES:-'peer litedb pg1 pg2'}
RUNS=${RUNS:-'c50:50:2000
c200:200:2000'}
PEER_PORT=3979 BOT_PORT=3981 PG_PORT=${PG_PORT:-55433} NGINX_PORT=3990 INSTANCE_PORTS=(5001 5002)
mkdir -p "$OUT"
chmod 755 "$WORK" # the postgres user enters it

started=()
cleanup() {
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -e "$WORK/pg/data/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# The peer kit is copied out of the shared folder first, so its npm install never writes there.
cp -r "$PEER_KIT" "$WORK/peer-bench"
(cd "$WORK/peer-bench/driver" && npm ci --no-audit --no-fund --silent)
if [[ " $MODES " == *" peer "* ]]; then (cd "$WORK/peer-bench/botbuilder-js-intake" && npm_config_yes=true npm ci --no-audit --no-fund --silent); fi
# PUBLISHED: a folder where SupportBot is already published (Release) from this checkout, to skip publishing again.
if [ -n "${PUBLISHED:-}" ]; then cp -r "$PUBLISHED" "$WORK/supportbot"; else
  dotnet publish "$repo/src/SupportBot" -c Release -o "$WORK/supportbot" -m:1 -v:q -nologo >/dev/null
fi

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [[ "$MODES" == *pg* ]]; then
  mkdir -p "$WORK/pg"; [ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
  as_pg "$pgbin/initdb" -D "$WORK/pg/data" -U postgres -A trust -E UTF8 --no-instructions >/dev/null
  as_pg "$pgbin/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
fi
new_database() { # name -> the connection string of a new, empty database
  "$pgbin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE $1" >/dev/null
  echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$1;Maximum Pool Size=100"
}

wait_healthy() { for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0; sleep 0.2; done; echo "no answer on port $1" >&2; return 1; }

start_bot() { # log port data-folder [VAR=value...]; sets BOT_PID
  local log=$1 port=$2 data=$3; shift 3
  mkdir -p "$data"
  (cd "$WORK/supportbot" && exec env Urls="http://127.0.0.1:$port" Storage__DatabasePath="$data/supportbot.db" \
     DirectLine__UploadDirectory="$data/uploads" Logging__LogLevel__Default=Warning "$@" dotnet SupportBot.dll) > "$log" 2>&1 &
  BOT_PID=$!; started+=("$BOT_PID")
}

start_nginx() { # sets NGINX_PID; the same site as the README's recipe, on loopback
  local dir="$WORK/nginx"; mkdir -p "$dir"; chmod 755 "$dir"
  cat > "$dir/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/client_body; proxy_temp_path $dir/proxy; fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi; scgi_temp_path $dir/scgi;
  map \$http_upgrade \$connection_upgrade { default upgrade; '' ''; }
  upstream supportbot {
    server 127.0.0.1:${INSTANCE_PORTS[0]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${INSTANCE_PORTS[1]} max_fails=1 fail_timeout=5s;
    keepalive 256;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://supportbot;
      proxy_http_version 1.1;
      proxy_set_header Host \$http_host;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
EOF
  /usr/sbin/nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
  NGINX_PID=$!; started+=("$NGINX_PID")
}

# Per named process until $WORK/stop-sampling appears (at most an hour): peak resident memory (VmRSS; PostgreSQL as
# the sum of its processes' proportional share, Pss, so its shared buffers count once) and CPU seconds used meanwhile.
pids_of() { if [ "$1" = postgres ]; then echo "$2" $(pgrep -P "$2" || true); else echo "$2"; fi; }
ticks_of() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
sample_peaks() { # out-file name=pid...
  local out=$1; shift
  declare -A peak=() start=()
  local named name pid kb p
  for named in "$@"; do name=${named%%=*}; start[$name]=$(ticks_of $(pids_of "$name" "${named#*=}")); done
  for _ in $(seq 1 7200); do
    [ -e "$WORK/stop-sampling" ] && break
    for named in "$@"; do
      name=${named%%=*} pid=${named#*=} kb=0
      if [ "$name" = postgres ]; then
        for p in $(pids_of postgres "$pid"); do kb=$((kb + $(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0))); done
      else
        kb=$(awk '/^VmRSS:/{print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      fi
      [ "${kb:-0}" -gt "${peak[$name]:-0}" ] && peak[$name]=$kb
    done
    sleep 0.5
  done
  local hz; hz=$(getconf CLK_TCK)
  for named in "$@"; do # name, peak MB, CPU clock ticks, ticks per second
    name=${named%%=*}
    echo "$name $(( ${peak[$name]:-0} / 1024 )) $(( $(ticks_of $(pids_of "$name" "${named#*=}")) - ${start[$name]} )) $hz"
  done > "$out"
}

drive() { # mode run concurrency conversations url pid script [driver flags...]; the pid (tree) is what the driver measures
  local mode=$1 run=$2 c=$3 n=$4 url=$5 pid=$6 script=$7; shift 7
  node "$WORK/peer-bench/driver/load.mjs" --url "$url" --script "$script" --conversations "$n" --concurrency "$c" \
    --conversation-update --expect 'TS-\d{8}-\d+' --duration-limit 600 --warmup "$WARMUP" --pid "$pid" \
    --channel-id webchat --label "$mode $run" --out "$OUT/$mode-$run.json" --quiet "$@" >/dev/null \
    || echo "driver: $mode $run did not complete every conversation" >&2
}

measure() { # mode run c n url driver-pid script name=pid... [-- driver flags]
  local mode=$1 run=$2 c=$3 n=$4 url=$5 pid=$6 script=$7; shift 7
  local named=() flags=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do named+=("$1"); shift; done
  [ $# -gt 0 ] && shift && flags=("$@")
  rm -f "$WORK/stop-sampling"
  sample_peaks "$OUT/$mode-$run.rss" "${named[@]}" &
  local sampler=$!
  drive "$mode" "$run" "$c" "$n" "$url" "$pid" "$script" "${flags[@]}"
  touch "$WORK/stop-sampling"; wait "$sampler"
}

stop() { for pid in "$@"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }

postmaster() { head -1 "$WORK/pg/data/postmaster.pid"; }

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/load.txt"
while IFS= read -r spec; do
  [ -z "$spec" ] && continue
  IFS=: read -r RUN C N <<< "$spec"
  for mode in $MODES; do
    echo "$(date -u +%H:%M:%S) $mode $RUN (load $(cut -d' ' -f1 /proc/loadavg))" | tee -a "$OUT/load.txt" >&2
    case $mode in
      peer)
        PORT=$PEER_PORT node "$WORK/peer-bench/botbuilder-js-intake/index.js" > "$OUT/peer-$RUN.log" 2>&1 &
        pid=$!; started+=("$pid"); wait_healthy $PEER_PORT
        measure peer "$RUN" "$C" "$N" "http://127.0.0.1:$PEER_PORT/api/messages" "$pid" "$WORK/peer-bench/scripts/peer-intake.json" "peer=$pid"
        stop "$pid" ;;
      litedb)
        start_bot "$OUT/litedb-$RUN.log" $BOT_PORT "$WORK/data-litedb-$RUN"; wait_healthy $BOT_PORT
        measure litedb "$RUN" "$C" "$N" "http://127.0.0.1:$BOT_PORT/api/messages" "$BOT_PID" "$here/../peer/supportbot-intake.json" "supportbot=$BOT_PID"
        stop "$BOT_PID" ;;
      pg1)
        db=$(new_database "bench_pg1_$RUN")
        start_bot "$OUT/pg1-$RUN.log" $BOT_PORT "$WORK/data-pg1-$RUN" Storage__Provider=PostgreSql ConnectionStrings__SupportBot="$db"
        wait_healthy $BOT_PORT
        measure pg1 "$RUN" "$C" "$N" "http://127.0.0.1:$BOT_PORT/api/messages" "$BOT_PID" "$here/../peer/supportbot-intake.json" \
          "supportbot=$BOT_PID" "postgres=$(postmaster)"
        stop "$BOT_PID" ;;
      pg2)
        db=$(new_database "bench_pg2_$RUN")
        key=$(head -c 32 /dev/urandom | base64)
        pids=()
        for i in 0 1; do
          start_bot "$OUT/pg2-$RUN-$((i + 1)).log" "${INSTANCE_PORTS[$i]}" "$WORK/data-pg2-$RUN-$((i + 1))" \
            Storage__Provider=PostgreSql ConnectionStrings__SupportBot="$db" DirectLine__SigningKey="$key"
          pids+=("$BOT_PID")
        done
        wait_healthy "${INSTANCE_PORTS[0]}"; wait_healthy "${INSTANCE_PORTS[1]}"
        start_nginx; wait_healthy $NGINX_PORT
        # The driver's own CPU/memory figure covers one process (instance 1); the table takes every process's from the sampler.
        measure pg2 "$RUN" "$C" "$N" "http://127.0.0.1:$NGINX_PORT/api/messages" "${pids[0]}" "$here/../peer/supportbot-intake.json" \
          "supportbot-1=${pids[0]}" "supportbot-2=${pids[1]}" "nginx=$NGINX_PID" "postgres=$(postmaster)"
        stop "$NGINX_PID" "${pids[@]}" ;;
      *) echo "unknown mode $mode" >&2; exit 2 ;;
    esac
  done
done <<< "$RUNS"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"

python3 "$here/summarize.py" "$OUT" "$WARMUP"
echo "reports: $OUT" >&2
