#!/usr/bin/env bash
# Kill the task worker in the middle of a PDF report build while respondents answer the survey,
# start another, and check the interrupted build finishes (issue 13, faults).
# usage: benchmarks/load/worker_fault.sh TOKEN PORT   (a server from serve.sh on PORT, database from prepare.sh)
# The claim timeout is cut to 120 s so the second worker retakes the build soon after the kill
# (600 s in production, where a claim must outlast the slowest build).
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/load/env.sh
token="$1"; port="$2"
export JOINEDUP_REPORT_CLAIM_TIMEOUT=120 JOINEDUP_HOUSEKEEPING_INTERVAL=1
out="/tmp/joinedup-load/worker-fault-$port"; mkdir -p "$out"  # per port: runs on other ports keep their logs
sql() { psql -Atq "$DATABASE_URL" -c "$1"; }
build=$(.venv/bin/joinedup-manage shell -c "
from django.db.models import Count
from joinedup.web.partnerships.models import Round, RoundStatus
from joinedup.web.reporting.builds import request_build
from joinedup.web.reporting.models import ReportBuild
ReportBuild.objects.all().delete()
a_round = Round.objects.filter(status=RoundStatus.CLOSED).annotate(n=Count('responses')).order_by('-n').first()
print(request_build(a_round, 'pdf').pk)" | tail -1)
echo "build $build requested; load average $(cut -d' ' -f1 /proc/loadavg)"
client="" first="" second=""
# Whatever way the script ends, it leaves no load client or worker of its own running.
trap 'for pid in $client $first $second; do kill "$pid" 2>/dev/null || true; done' EXIT
.venv/bin/python benchmarks/load/survey_load.py --base "http://127.0.0.1:$port" --token "$token" --clients 10 \
  --seconds 60 --trivial-seconds 0 --server-pidfile "/tmp/joinedup-load/$port.pid" >"$out/load.txt" 2>&1 &
client=$!
.venv/bin/joinedup-manage task_worker --interval 0.2 >"$out/worker1.log" 2>&1 &
first=$!
waited=$(date +%s)
while :; do
  status=$(sql "select status from reporting_reportbuild where id=$build")
  [ "$status" = running ] && break
  if [ "$status" = done ]; then echo "the first worker finished the build before it could be killed"; exit 2; fi
  [ $(( $(date +%s) - waited )) -lt 300 ] || { echo "the first worker did not start the build in 300 s"; exit 1; }
  sleep 0.05
done
kill -KILL "$first"; wait "$first" 2>/dev/null || true; first=""
killed=$(date +%s)
echo "worker 1 killed mid-build at $(date -u +%T) UTC, load average $(cut -d' ' -f1 /proc/loadavg):" \
  "$(sql "select status, attempts from reporting_reportbuild where id=$build")"
.venv/bin/joinedup-manage task_worker --interval 0.2 >"$out/worker2.log" 2>&1 &
second=$!
retaken=""
while :; do
  state=$(sql "select status, attempts from reporting_reportbuild where id=$build")
  if [ -z "$retaken" ] && [ "${state#*|}" -gt 1 ]; then
    retaken=$(( $(date +%s) - killed ))
    echo "worker 2 took the build up again $retaken s after the kill (claim timeout" \
      "$JOINEDUP_REPORT_CLAIM_TIMEOUT s), load average $(cut -d' ' -f1 /proc/loadavg): $state"
  fi
  [ "${state%|*}" = done ] && break
  [ $(( $(date +%s) - killed )) -lt 600 ] || { echo "not done 600 s after the kill: $state"; exit 1; }
  sleep 0.5
done
echo "done $(( $(date +%s) - killed )) s after the kill, load average $(cut -d' ' -f1 /proc/loadavg):" \
  "$(sql "select status, attempts, round(extract(epoch from finished_at - claimed_at)::numeric, 1) || ' s to build',
          substr(encode(content, 'escape'), 1, 5), length(content) from reporting_reportbuild where id=$build")"
echo "builds of this report: $(sql "select count(*) from reporting_reportbuild")"
kill "$second"; wait "$second" 2>/dev/null || true; second=""
wait "$client" || true; client=""
tail -8 "$out/load.txt"
