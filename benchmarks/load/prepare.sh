#!/usr/bin/env bash
# Make a database for the load benchmark (migrated, demo partnership loaded, static files collected)
# and print the open round's invitation token. DATABASE_URL chooses it (default: PostgreSQL
# joinedup_load, dropped and recreated; a sqlite:////path URL gets a fresh file).
set -euo pipefail
cd "$(dirname "$0")/../.."
source benchmarks/load/env.sh
case "$DATABASE_URL" in
  postgres*) db="${DATABASE_URL##*/}"
    psql -q "${DATABASE_URL%/*}/postgres" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" ;;
  sqlite*) rm -f "${DATABASE_URL#sqlite://}"* ;;
esac
mkdir -p /tmp/joinedup-load
.venv/bin/joinedup-manage migrate --no-input -v0
.venv/bin/joinedup-manage load_demo >/dev/null
.venv/bin/joinedup-manage collectstatic --no-input -v0
.venv/bin/joinedup-manage shell -c "
from joinedup.web.partnerships.models import Invitation, RoundStatus
print(Invitation.objects.filter(round__status=RoundStatus.OPEN, agency__isnull=False).order_by('pk').first().token)"
