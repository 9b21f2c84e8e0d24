"""SQLite, the zero-setup database, made to compare Cyrillic text without regard to case.

SQLite's LIKE (what Django's ``icontains`` and ``iexact`` become there) folds only ASCII letters:
"әзірлеуші" did not find "Әзірлеуші", so on ``make run``'s database a Kazakh or Russian word typed
in lower case found no title. SQLite lets an application replace the ``like()`` function behind the
operator: this one folds every letter, as PostgreSQL's ``UPPER(…) LIKE UPPER(…)`` does.
"""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=512)
def _pattern(pattern: str, escape: str | None) -> re.Pattern:
    parts, chars = [], iter(pattern)
    for char in chars:
        if escape is not None and char == escape:
            parts.append(re.escape(next(chars, "")))
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def like(pattern, value, escape=None):
    """SQLite's ``like(X, Y[, Z])``: whether ``Y LIKE X [ESCAPE Z]``, with every letter's case folded."""
    if pattern is None or value is None:
        return None
    return int(_pattern(str(pattern), escape).fullmatch(str(value)) is not None)


def fold_case_in_like(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: on SQLite, the ``like()`` above for the LIKE operator."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("like", 2, like, deterministic=True)
        connection.connection.create_function("like", 3, like, deterministic=True)
