"""Settings, read from the environment with safe defaults for local use.

Variables: DATABASE_URL, SECRET_KEY (or SECRET_KEY_FILE), DEBUG, ALLOWED_HOSTS, EMAIL_URL-style mail settings
(EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
DEFAULT_FROM_EMAIL), SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE, MEDIA_ROOT, BIAOZHUN_VAR_DIR. See docs/deployment.md.

DEBUG is off unless DEBUG=1 says otherwise: the site runs the way its users get it, also under `make run`.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("BIAOZHUN_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = _env_bool("DEBUG", False)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else from the file SECRET_KEY_FILE (default var/secret_key, which
    `make setup` writes once: never committed). Only DEBUG falls back to a fixed development key."""
    if key := os.environ.get("SECRET_KEY", "").strip():
        return key
    key_file = Path(os.environ.get("SECRET_KEY_FILE", VAR_DIR / "secret_key"))
    try:
        key = key_file.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        key = ""
    if key:
        return key
    if DEBUG:
        return "dev-only-insecure-key-do-not-use-in-production"
    raise ImproperlyConfigured(
        f"No secret key: set SECRET_KEY (or SECRET_KEY_FILE), or run `make setup`, which writes {key_file}."
    )


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")
CSRF_FAILURE_VIEW = "biaozhun.portal.views.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",  # runserver leaves static files to WhiteNoise, as in production
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "biaozhun.core",
    "biaozhun.accounts",
    "biaozhun.reference",
    "biaozhun.catalog",
    "biaozhun.search",
    "biaozhun.committees",
    "biaozhun.feedback",
    "biaozhun.development",
    "biaozhun.portal",
    "biaozhun.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "biaozhun.core.middleware.PolicyRefusalMiddleware",
    "biaozhun.api.security.ApiTokenMiddleware",
    "biaozhun.api.ratelimit.AnonymousApiRateLimit",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "biaozhun.urls"
WSGI_APPLICATION = "biaozhun.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "biaozhun" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "biaozhun.portal.context_processors.search_limits",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# Embedded SQLite (WAL) by default; PostgreSQL when DATABASE_URL says so.
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'biaozhun.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE makes writers queue on the lock instead of failing mid-transaction.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA temp_store=MEMORY;"
            "PRAGMA mmap_size=1073741824;"
            "PRAGMA cache_size=-131072;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -----------------------------------------------------------------------------------
# Per-process memory by default; with several web processes set BIAOZHUN_CACHE=database so counters (the API
# rate limit) and cached counts are shared through the database (`manage.py createcachetable` creates the table).
# Django's database cache with an atomic `incr` (biaozhun/core/cache.py): counts from several processes add up.
CACHES = {
    "default": (
        {"BACKEND": "biaozhun.core.cache.DatabaseCache", "LOCATION": "biaozhun_cache"}
        if os.environ.get("BIAOZHUN_CACHE") == "database"
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# --- Mail -----------------------------------------------------------------------------------
# SMTP unless EMAIL_BACKEND says otherwise; `make run` prints emails to its console
# (EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Biaozhun <noreply@localhost>")

# --- Background tasks -----------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# (task path, local time HH:MM) pairs that `manage.py run_scheduler` enqueues once a day.
BIAOZHUN_DAILY_TASKS = [
    ("biaozhun.catalog.tasks.refresh_statuses_daily", "00:05"),
    ("biaozhun.development.tasks.sweep_projects", "00:15"),
    ("biaozhun.portal.tasks.notify_watchers", "07:00"),
]
# Working days within which implementation feedback is answered (no legal limit found; a setting per the rules).
BIAOZHUN_FEEDBACK_REPLY_WORKING_DAYS = int(os.environ.get("BIAOZHUN_FEEDBACK_REPLY_WORKING_DAYS", "20"))
# The public address of the site, for links in emails.
BIAOZHUN_SITE_URL = os.environ.get("BIAOZHUN_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Language, time -------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "biaozhun" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- API ------------------------------------------------------------------------------------
BIAOZHUN_API_ANON_RATE = os.environ.get("BIAOZHUN_API_ANON_RATE", "120/minute")
# Only behind a proxy that sets X-Forwarded-For itself.
BIAOZHUN_TRUST_X_FORWARDED_FOR = _env_bool("BIAOZHUN_TRUST_X_FORWARDED_FOR", False)

# --- Search ---------------------------------------------------------------------------------
# Each machine keeps its own index, fed from the catalogue's event table (manage.py search_sync).
BIAOZHUN_SEARCH = {"ENGINE": "tantivy", "PATH": Path(os.environ.get("BIAOZHUN_SEARCH_PATH", VAR_DIR / "search"))}

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"  # `manage.py collectstatic` (in `make setup`) fills it; WhiteNoise serves it
STATICFILES_DIRS = [BASE_DIR / "biaozhun" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Content-hashed names (cached for a year) and gzip copies; the unhashed files stay beside them for the
    # relative imports of the vendored pdf.js modules and its cmaps/ and standard_fonts/ directories.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Full-text uploads: PDF only, at most this many bytes.
BIAOZHUN_MAX_FULLTEXT_BYTES = int(os.environ.get("BIAOZHUN_MAX_FULLTEXT_BYTES", str(200 * 1024 * 1024)))

# Secure cookies whenever DEBUG is off (production is served over https); `make run` on plain
# http://127.0.0.1 turns them off with SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0.
if not DEBUG:
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = _env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
