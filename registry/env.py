"""Small validating readers for environment variables.

Every helper names the variable in its error, so a bad deployment fails at
start with a message that says what to fix.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "", environ: Mapping[str, str] = os.environ) -> str:
    return environ.get(name, default).strip()


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no, on/off), not {raw!r}.")


def env_int(name: str, default: int, environ: Mapping[str, str] = os.environ) -> int:
    raw = environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    raw = environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_database(name: str, default: str, environ: Mapping[str, str] = os.environ) -> dict:
    """Parse a database URL (``sqlite:///path`` or ``postgres://user@host:port/name``)."""
    import dj_database_url

    raw = environ.get(name, "").strip() or default
    scheme = raw.split("://", 1)[0] if "://" in raw else ""
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"{name} must look like sqlite:///path/to/db.sqlite3 or postgres://user@host:5432/name, not {raw!r}."
        )
    try:
        config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {exc}") from None
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} names no database: {raw!r}.")
    return config


def env_cache(name: str, default: str, environ: Mapping[str, str] = os.environ) -> dict:
    """Parse a cache URL: ``locmem://`` (one cache per process) or ``redis://host:6379/0`` (shared)."""
    raw = environ.get(name, "").strip() or default
    if raw.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": raw[len("locmem://") :]}
    if raw.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": raw}
    raise ImproperlyConfigured(f"{name} must be locmem:// or redis://host:6379/0, not {raw!r}.")
