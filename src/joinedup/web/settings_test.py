"""Settings for the test suite: the local defaults, with a fast password hasher.

The suite runs against SQLite by default and against PostgreSQL when
DATABASE_URL is set, exactly as the app does.
"""

import os

os.environ.setdefault("DEBUG", "1")

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

# The suite sends many surveys from 127.0.0.1 and database ids repeat between tests, so the
# per-hour survey limits would trip on unrelated tests; the rate-limit tests set their own.
JOINEDUP_SURVEY_SUBMISSIONS_PER_HOUR = 1_000_000
JOINEDUP_SURVEY_DRAFTS_PER_HOUR = 1_000_000

# Tasks run in the request that queues them, so a download is answered at once; the queue's own
# tests choose the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
