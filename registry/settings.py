"""The one settings file, driven by environment variables.

Development defaults are safe and need nothing: an SQLite file beside the
project and ``DEBUG`` on. Production switches by variables: ``DEBUG=0``,
``SECRET_KEY``, ``ALLOWED_HOSTS``, ``DATABASE_URL=postgres://…``; with ``DEBUG``
off it redirects to HTTPS and sends cookies only over HTTPS, unless
``SECURE_SSL_REDIRECT=0`` and ``SECURE_COOKIES=0`` say the site is served on
plain HTTP (``make run`` on one's own machine sets both).
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from registry.env import env_bool, env_cache, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)

_DEV_SECRET = "dev-only-insecure-secret-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY") or (_DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
if not DEBUG and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured("SECRET_KEY must not be the development key when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "simple_history",
    "csp",  # Content-Security-Policy header (--- Hardening)
    "axes",  # login throttling (--- Hardening)
    "standards",
    "cards",
    "importers",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # before any middleware that answers (CORS on /api/ only)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",  # --- Speed: HTML and JSON (whitenoise compresses static files)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "registry.middleware.refuse_nul_bytes",  # --- Hardening: after LocaleMiddleware, so its 400 page is translated
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "registry.middleware.remember_page_language",  # the admin (no /kk/ prefix) follows the site's language
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # --- Editorial workflow: who made a change
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",  # --- Hardening
    "axes.middleware.AxesMiddleware",  # --- Hardening: keep it last
]

ROOT_URLCONF = "registry.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "registry.context_processors.language_links",
            ],
            "libraries": {
                "site_frame": "registry.site_frame",  # base.html's parts (registry is not an app)
                # Django's i18n tags, with a literal {% translate %} rendered once: the templates load it
                "registry_i18n": "registry.template_i18n",
            },
        },
    },
]

WSGI_APPLICATION = "registry.wsgi.application"

DATABASES = {"default": env_database("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_admin"]  # the second fills Django's own kk/ru admin gaps
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Pages are cached until the content changes (standards.caching); 0 turns the page cache off.
CACHES = {"default": env_cache("CACHE_URL", default="locmem://")}
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", default=600)
# On PostgreSQL, each process keeps a copy of the content revision that LISTEN/NOTIFY keeps current
# (standards.revision_feed; one extra connection per process), so a cached page costs no query.
CONTENT_REVISION_FEED = env_bool("CONTENT_REVISION_FEED", default=True)

# On PostgreSQL, the queries the pages compile once are PREPAREd once per connection (cards.compiled):
# planning them cost PostgreSQL as much as running them. Off (0) behind a pooler in transaction mode,
# where a session's prepared statements do not follow it.
PREPARED_STATEMENTS = env_bool("PREPARED_STATEMENTS", default=True)

# Where the bundled official texts live; import_standards reads them by default.
ORDERS_DIR = BASE_DIR / "fixtures" / "orders"

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # Browsers drop Secure cookies over http, so no one could log in to a plain-HTTP local run without this.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)  # preload lists ask a year
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

# One JSON object per line (registry/logging.py); LOG_FORMAT=plain for a person reading a terminal.
# Imports log at INFO (one line per document), whatever LOG_LEVEL says for the rest.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "registry.logging.JSONFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {"request_context": {"()": "registry.logging.RequestContextFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain" if env_str("LOG_FORMAT", "json") == "plain" else "json",
            "filters": ["request_context"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING") or "WARNING"},
    "loggers": {"importers": {"level": "INFO"}},
}

# --- Public API (/api/v1/): Django REST framework, drf-spectacular, CORS -------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],  # public and read-only: no sessions, no CSRF
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": None,
    "EXCEPTION_HANDLER": "api.errors.exception_handler",  # one JSON error shape, never a traceback
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Registry of Kazakhstan's IT professional standards: public API",
    "DESCRIPTION": (
        "Read-only JSON of every standard, edition and profession card of the registry, in Kazakh and Russian "
        "(`?lang=kk|ru`). Every object carries its page's address (`permalink`) and its API address (`url`). "
        "Answers carry `ETag` and `Last-Modified` (conditional requests get `304`); errors have one shape, "
        '`{"errors": {"<parameter>": [{"message", "code", "allowed"}]}}` (`detail` for an error of no parameter).'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",  # served from our own static files, no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "api.schema.LANGUAGES",
        "EditionStatusEnum": "api.schema.EDITION_STATUSES",
        "RowStatusEnum": "api.schema.ROW_STATUSES",
        "ItemKindEnum": "api.schema.ITEM_KINDS",
        "TreeKindEnum": "api.schema.TREE_KINDS",
        "FunctionKindEnum": "api.schema.FUNCTION_KINDS",
    },
}
# CORS open for reading the API from any origin; nothing else of the site is shared.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Content-Disposition")

# --- Editorial workflow: change history (django-simple-history), uploads, roles ------------------
# Reviewers see the history without the right to change it; revert needs the history's change permission.
SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS = True
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True  # an import's reason names its file and SHA-256
# Where an order uploaded in admin waits between its preview and "Apply" (deleted on apply or cancel).
# With several app servers, point it at a directory they share.
EDITORIAL_UPLOAD_DIR = env_str("EDITORIAL_UPLOAD_DIR") or ""
EDITORIAL_UPLOAD_MAX_BYTES = env_int("EDITORIAL_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)

# --- Hardening: Content-Security-Policy, login throttling, deployment checks ----------------------
# Behind a TLS-terminating proxy, name the header it sets (e.g. X-Forwarded-Proto): only then does
# Django trust it, since a client could send it itself to a server reached directly.
_PROXY_SSL_HEADER = env_str("SECURE_PROXY_SSL_HEADER")
if _PROXY_SSL_HEADER:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https")
# How many proxies append to X-Forwarded-For: django-axes then counts failures per client, not per proxy.
_PROXY_COUNT = env_int("PROXY_COUNT", default=0)
if _PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = _PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

ADMIN_URL = env_str("ADMIN_URL", "admin/").strip("/") + "/"

# No script runs unless it is a file of the site's own (no inline script, no eval), on every page,
# the admin and the API docs included; no inline style either, no frames, no plugins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins from one address for one
# user name, that pair is locked out for AXES_COOLOFF_MINUTES and gets templates/lockout.html.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", default=30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
# Axes' own admin pages are English-only and outside our admin's translated, accusative titles: an
# administrator lifts a lockout with `manage.py axes_reset_username NAME` (or `axes_reset`).
AXES_ENABLE_ADMIN = False

# --- Speed: serving, connections, background cache warming ---------------------------------------
# Pages and JSON are gzipped by GZipMiddleware (above) when the client accepts it; against BREACH,
# Django masks the CSRF token anew in every response and pads each compressed body with random bytes.
# Static files: whitenoise's CompressedManifestStaticFilesStorage (DEBUG off) serves hashed names with
# a year's Cache-Control and their pre-compressed gzip/brotli copies.

# Database connections stay open this many seconds across requests (0: one per request), and are
# checked before each reuse, so a restarted PostgreSQL costs one reconnect, not an error page.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# After an import or an admin save commits, render the most visited pages under the new revision in
# a background thread (standards.revision), so the first visitor does not wait for them. Off in tests.
PAGE_WARMING = env_bool("PAGE_WARMING", default=True)
PAGE_WARMER = "cards.warming.warm_pages"

# --- Matching a vacancy or programme to the registry ---------------------------------------------

# The largest file the match page and POST /api/v1/match read (.txt, .docx, .pdf), in megabytes.
MATCH_MAX_UPLOAD_MB = env_int("MATCH_MAX_UPLOAD_MB", default=5)
