# Environment for a production-like local server used by the load benchmark (source it).
# DEBUG off (no query log, cached templates, compressed static files), HTTP on loopback only.
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/joinedup_load}"
export DEBUG=0
export SECRET_KEY="${SECRET_KEY:-load-benchmark-only-$(printf 'k%.0s' $(seq 1 60))}"
export ALLOWED_HOSTS=127.0.0.1
export JOINEDUP_SSL_REDIRECT=0
export JOINEDUP_HSTS_SECONDS=0
export STATIC_ROOT="${STATIC_ROOT:-/tmp/joinedup-load/static}"
export JOINEDUP_CACHE_DIR="${JOINEDUP_CACHE_DIR:-/tmp/joinedup-load/cache}"
# Every virtual respondent comes from 127.0.0.1 on one link: lift the per-address limits.
export JOINEDUP_SURVEY_SUBMISSIONS_PER_HOUR=100000000
export JOINEDUP_SURVEY_DRAFTS_PER_HOUR=100000000
