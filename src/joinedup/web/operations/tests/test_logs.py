"""JSON-lines logs: one object a line, and never the client's address, user name or query text."""

from __future__ import annotations

import json
import logging

from django.test import RequestFactory

from joinedup.web.operations.logs import JsonLinesFormatter


def _record(**extra: object) -> logging.LogRecord:
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/x/",), None
    )
    for name, value in extra.items():
        setattr(record, name, value)
    return record


def test_a_record_is_one_line_of_json_with_its_level_logger_and_message():
    line = JsonLinesFormatter().format(_record(status=500))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Internal Server Error: /x/"
    assert entry["status"] == 500


def test_the_request_and_its_address_and_user_are_never_written():
    request = RequestFactory().get(
        "/survey/abc/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    request.user = type(
        "U", (), {"username": "alice.coordinator", "__str__": lambda self: "alice.coordinator"}
    )()
    line = JsonLinesFormatter().format(_record(request=request, status_code=500))
    assert "203.0.113.9" not in line
    assert "198.51.100.7" not in line
    assert "alice" not in line


def test_an_exception_is_named_with_its_frames_but_not_its_text():
    try:
        raise ValueError("answers for someone@example.org")
    except ValueError:
        import sys

        record = _record()
        record.exc_info = sys.exc_info()
    entry = json.loads(JsonLinesFormatter().format(record))
    assert entry["exception"] == "ValueError"
    assert entry["stack"]
    assert "someone@example.org" not in json.dumps(entry)


def test_weasyprint_steps_stay_out_of_an_info_log():
    """At LOG_LEVEL=INFO the server's log has requests and tasks, not each step of each PDF."""
    from django.conf import settings

    loggers = settings.LOGGING["loggers"]
    assert isinstance(loggers, dict) and loggers["weasyprint.progress"]["level"] == "WARNING"
    logging.getLogger().setLevel(logging.INFO)
    try:
        assert not logging.getLogger("weasyprint.progress").isEnabledFor(logging.INFO)
        assert logging.getLogger("weasyprint.progress").isEnabledFor(logging.WARNING)
    finally:
        logging.getLogger().setLevel(logging.WARNING)
