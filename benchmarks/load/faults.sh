#!/usr/bin/env bash
# Faults under load: SIGKILL one gunicorn worker, then restart PostgreSQL, while respondents send;
# afterwards check_stored.py compares what the client saw acknowledged with the database.
# usage: benchmarks/load/faults.sh TOKEN [PORT...]   (default one server on 8101; give two ports for two)
# The servers must already run (serve.sh). Needs root for pg_ctlcluster; PG_RESTART=0 skips the restart.
# Bounded: 100 s of load.
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/load/env.sh
token="$1"; shift
ports=("${@:-8101}")
bases=(); for p in "${ports[@]}"; do bases+=(--base "http://127.0.0.1:$p"); done
out=/tmp/joinedup-load/faults-$(date +%s)
timeout 200 .venv/bin/python benchmarks/load/survey_load.py "${bases[@]}" --token "$token" --clients "${CLIENTS:-10}" \
  --seconds 100 --trivial-seconds 0 --keys-out "$out.keys.json" >"$out.client.txt" &
client=$!
sleep 20
master=$(cat "/tmp/joinedup-load/${ports[0]}.pid")
victim=$(pgrep -P "$master" | head -1)
echo "$(date +%s.%N) SIGKILL worker $victim of gunicorn $master"
kill -KILL "$victim"
sleep 25
down=()
if [ "${PG_RESTART:-1}" = 1 ]; then
  down_from=$(date +%s.%N)
  pg_ctlcluster --skip-systemctl-redirect 15 main restart
  down_to=$(date +%s.%N)
  echo "PostgreSQL restarted: down from $down_from to $down_to ($(echo "$down_to - $down_from" | bc) s)"
  down=(--down "$down_from" "$down_to")
fi
wait "$client"
cat "$out.client.txt"
.venv/bin/python benchmarks/load/check_stored.py "$out.keys.json" "${down[@]}"
