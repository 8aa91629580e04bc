"""JSON-lines log records, one object a line, for a log collector to parse.

Only the record's own fields are written, plus `status` when a caller passes it in `extra`.
Request objects, client addresses and user names are never serialised: Django's request loggers
attach the request to the record, and this formatter drops it rather than print it.
"""

from __future__ import annotations

import json
import logging
import traceback
from datetime import UTC, datetime

_EXTRA_FIELDS = ("status", "method", "path_kind", "duration_ms")


class JsonLinesFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        for name in _EXTRA_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value if isinstance(value, int | float | str) else str(value)
        if record.exc_info and record.exc_info[0] is not None:
            # Where it failed, not what the exception says: a database error's text can quote the
            # row (answers, e-mail addresses) it was writing.
            entry["exception"] = record.exc_info[0].__name__
            entry["stack"] = [
                f"{frame.filename}:{frame.lineno} {frame.name}"
                for frame in traceback.extract_tb(record.exc_info[2])[-8:]
            ]
        return json.dumps(entry, ensure_ascii=False)
