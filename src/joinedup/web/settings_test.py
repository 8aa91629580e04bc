"""Settings for the test suite: the local defaults, with a fast password hasher.

The suite runs against SQLite by default and against PostgreSQL when
DATABASE_URL is set, exactly as the app does.
"""

import os

os.environ.setdefault("DEBUG", "1")

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
