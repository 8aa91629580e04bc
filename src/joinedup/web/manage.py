"""`joinedup-manage`: Django's management commands for the joinedup web app."""

import os
import sys


def main() -> None:
    """Run a management command; without the web extra, say how to install it, not fail on an import."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.web.settings")
    try:
        from django.core.management import execute_from_command_line
    except ModuleNotFoundError as error:
        if error.name != "django":
            raise
        sys.exit("joinedup-manage runs the web app, which needs its extra: pip install 'joinedup[web]'")

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
