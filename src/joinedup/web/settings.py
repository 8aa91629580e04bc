"""Settings from the environment, in the manner of a twelve-factor app.

Insecure defaults exist only so that `make run` works on a laptop: they are
refused as soon as DEBUG is off.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
WORK_DIR = Path(os.environ.get("JOINEDUP_WORK_DIR", Path.cwd()))


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_flag("DEBUG", False)
_DEMO_SECRET = "insecure-local-demo-key-never-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", _DEMO_SECRET if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == _DEMO_SECRET):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value when DEBUG is off. "
        "For the local demo set DEBUG=1 (the README's `make run` does this)."
    )
# The same rule as Django's deployment check (security.W009), enforced instead of merely reported:
# the key signs sessions, password-reset links and the survey's cookies.
_WEAK_KEY = len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-")
if not DEBUG and _WEAK_KEY:
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak ({len(SECRET_KEY)} characters): use at least 50 random characters, "
        "for example the output of `python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`."
    )

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the host names this server answers to when DEBUG is off."
    )
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "joinedup.web.accounts",
    "joinedup.web.evidence_browser",
    "joinedup.web.partnerships",
    "joinedup.web.survey",
    "joinedup.web.structure",
    "joinedup.web.reporting",
    "joinedup.web.comments",
    "joinedup.web.operations",
    "joinedup.web.learning",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a signed-in user unless its view is marked @login_not_required (survey,
    # public evidence pages, sign-in, the home redirect).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "joinedup.web.security.NoStoreForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so its process_exception sees a view's database failure first: a 503, not a 500.
    "joinedup.web.operations.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "joinedup.web.urls"
WSGI_APPLICATION = "joinedup.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["joinedup.web.reporting.templatetags.wording"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{WORK_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A persistent connection is checked before each request reuses it, so the first requests
        # after a database restart reconnect instead of failing on a dead socket.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The same backend, with a health check that needs no round trip while the socket is quiet.
    DATABASES["default"]["ENGINE"] = "joinedup.web.postgresql"
    if _env_flag("JOINEDUP_DB_PREPARED_STATEMENTS", True):
        # Parameters bound on the server, and a statement run five times on a connection kept
        # prepared there: planning the survey's draft query cost PostgreSQL 0.34 ms of its
        # 0.40 ms on every page. Django leaves this off for connection poolers; behind PgBouncer
        # in transaction mode without prepared-statement support, set the variable to 0.
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": 5}
        )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer writes; IMMEDIATE takes the write lock at the
    # start of a transaction, so two writers queue (up to the timeout) instead of one failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Lock the pair, not the address alone: behind a proxy (or one council's NAT) every user shares an
# address, and five bad guesses at one username must not lock everybody else out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "joinedup.web.security.client_address"

# How many reverse proxies in front of the app append to X-Forwarded-For (and set X-Forwarded-Proto).
# 0, the default, means the header is ignored: anyone could write it.
JOINEDUP_TRUSTED_PROXY_COUNT = max(0, int(os.environ.get("JOINEDUP_TRUSTED_PROXY_COUNT", "0")))
# Complete survey submissions accepted per hour from one client address on one link, and survey
# drafts started per hour from one address on one link; more get a "too many" page (HTTP 429).
JOINEDUP_SURVEY_SUBMISSIONS_PER_HOUR = int(os.environ.get("JOINEDUP_SURVEY_SUBMISSIONS_PER_HOUR", "30"))
JOINEDUP_SURVEY_DRAFTS_PER_HOUR = int(os.environ.get("JOINEDUP_SURVEY_DRAFTS_PER_HOUR", "100"))

# Rate-limit counters. A folder on disk is shared by every gunicorn worker on the machine with no
# extra server; JOINEDUP_CACHE=database shares them between machines through the database (run
# `joinedup-manage createcachetable` once). The demo keeps them in memory.
_CACHE_KIND = os.environ.get("JOINEDUP_CACHE", "memory" if DEBUG else "file")
_CACHE_BACKENDS = {
    "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "file": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("JOINEDUP_CACHE_DIR", str(WORK_DIR / "cache")),
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "joinedup_cache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
}
if _CACHE_KIND not in _CACHE_BACKENDS:
    raise ImproperlyConfigured(
        f"JOINEDUP_CACHE must be one of {', '.join(_CACHE_BACKENDS)}, not {_CACHE_KIND!r}."
    )
CACHES = {"default": _CACHE_BACKENDS[_CACHE_KIND]}

# Background work (report files, retraining a tagger, e-mail, closing rounds) goes through Django's
# tasks API into the database; `joinedup-manage task_worker` runs it (several on PostgreSQL).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A report build claimed longer ago than this (seconds) is taken to have lost its worker and is built
# again; keep it well above the slowest PDF.
JOINEDUP_REPORT_CLAIM_TIMEOUT = int(os.environ.get("JOINEDUP_REPORT_CLAIM_TIMEOUT", "600"))
# How often (seconds) the task worker re-queues abandoned builds and closes rounds past their date.
JOINEDUP_HOUSEKEEPING_INTERVAL = int(os.environ.get("JOINEDUP_HOUSEKEEPING_INTERVAL", "300"))

# E-mail (partnership invitations): printed to the console in the demo; in production set EMAIL_BACKEND
# (SMTP by default, or an anymail backend) and its EMAIL_HOST / credentials in the environment.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "joinedup <no-reply@localhost>")
# The address links in e-mails start with when no request is at hand (reminders sent from cron).
JOINEDUP_SITE_URL = os.environ.get("JOINEDUP_SITE_URL", "http://localhost:8000").rstrip("/")

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "partnerships:home"
LOGOUT_REDIRECT_URL = "evidence_browser:factors"

LANGUAGE_CODE = "en-gb"
# The respondent's survey pages come in English and Welsh (joinedup.web.survey.language switches
# them per request); every other page is English, so there is no LocaleMiddleware.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", WORK_DIR / "staticfiles"))
_NODE_MODULES = Path(os.environ.get("JOINEDUP_NODE_MODULES", WORK_DIR / "node_modules"))
STATICFILES_DIRS = [BASE_DIR / "static", ("govuk", _NODE_MODULES / "govuk-frontend" / "dist" / "govuk")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
# No script reads the CSRF cookie: forms carry the token in a hidden field.
CSRF_COOKIE_HTTPONLY = True

# HTTPS only. Behind a proxy that terminates TLS, Django learns the scheme from X-Forwarded-Proto,
# believed only when JOINEDUP_TRUSTED_PROXY_COUNT says a proxy is there to set it.
SECURE_SSL_REDIRECT = _env_flag("JOINEDUP_SSL_REDIRECT", not DEBUG)
if JOINEDUP_TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("JOINEDUP_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("JOINEDUP_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _env_flag("JOINEDUP_HSTS_PRELOAD", False)
# Preloading is the decision of whoever owns the parent domain (hstspreload.org accepts only
# registrable domains), so it is off unless asked for and the deployment check does not nag about it.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

JOINEDUP_EVIDENCE_DIR = os.environ.get("JOINEDUP_EVIDENCE_DIR") or None
# Uploads (response files, structure sheets, review texts): the largest file accepted, enforced
# while the body arrives by the first upload handler, so a bigger file is refused with a form
# error without being kept. Files above FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file,
# not memory; DATA_UPLOAD_MAX_MEMORY_SIZE (Django's 2.5 MB) caps the other form fields.
JOINEDUP_MAX_UPLOAD_BYTES = int(os.environ.get("JOINEDUP_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
FILE_UPLOAD_HANDLERS = [
    "joinedup.web.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 10

# LOG_FORMAT=json writes one JSON object a line (joinedup.web.operations.logs): no request,
# address or user name is ever serialised. The default stays plain text for a terminal.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "joinedup.web.operations.logs.JsonLinesFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"}
        | ({"formatter": "json"} if os.environ.get("LOG_FORMAT", "text") == "json" else {})
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # WeasyPrint says each step of each PDF at INFO ("Step 4 - Creating formatting structure"):
    # noise in a server's log at LOG_LEVEL=INFO, and nothing an operator acts on.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
