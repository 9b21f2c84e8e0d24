"""Structured logs: one JSON object per line, for a log collector to read without a parser of its own.

``JSONFormatter`` writes the time, level, logger and message of a record, and every field a caller
passed in ``extra`` (``logger.info("import", extra={"document": ..., "sha256": ...})``); an
exception becomes its type and a one-line message, with the traceback in a ``traceback`` field of
that one line. ``RequestContextFilter`` gives Django's request errors their path and status.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import traceback

# The attributes every LogRecord has: whatever else a record carries came in ``extra``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key != "request":
                entry[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            kind, error, tb = record.exc_info
            entry.setdefault("exception_type", kind.__name__)
            entry["exception"] = " ".join(str(error).split())[:500]
            entry["traceback"] = "".join(traceback.format_exception(kind, error, tb))
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestContextFilter(logging.Filter):
    """Django's ``django.request`` records carry the request and the status: log the path and status
    as fields (never the query string's values or the body: they may hold what a visitor typed)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None and not hasattr(record, "path"):
            record.path = getattr(request, "path", "")
            record.method = getattr(request, "method", "")
        if hasattr(record, "status_code") and not hasattr(record, "status"):
            record.status = record.status_code
        if record.exc_info and record.exc_info[0] is not None and not hasattr(record, "exception_type"):
            record.exception_type = record.exc_info[0].__name__
        return True
