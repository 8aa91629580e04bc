#!/usr/bin/env bash
# Start one gunicorn on 127.0.0.1:PORT in the background with the benchmark environment.
# usage: benchmarks/load/serve.sh PORT [gunicorn options...]   (pid in /tmp/joinedup-load/PORT.pid)
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/load/env.sh
port="$1"; shift
mkdir -p /tmp/joinedup-load
.venv/bin/gunicorn joinedup.web.wsgi:application -b "127.0.0.1:$port" --pid "/tmp/joinedup-load/$port.pid" \
  --graceful-timeout 5 "$@" >"/tmp/joinedup-load/$port.log" 2>&1 &
for _ in $(seq 1 60); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && exit 0
  sleep 0.5
done
echo "gunicorn on $port did not answer /healthz" >&2; exit 1
