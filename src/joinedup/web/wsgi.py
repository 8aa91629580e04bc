"""WSGI entry point for gunicorn: `gunicorn joinedup.web.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.web.settings")
application = get_wsgi_application()
