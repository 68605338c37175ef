"""Settings, read from the environment with safe defaults for local use.

Variables: DATABASE_URL, SECRET_KEY (or SECRET_KEY_FILE), DEBUG, ALLOWED_HOSTS, EMAIL_URL-style mail settings
(EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
DEFAULT_FROM_EMAIL, EMAIL_FILE_PATH), BIAOZHUN_VAR_DIR.
Files: MEDIA_ROOT (public files), BIAOZHUN_PRIVATE_MEDIA_ROOT (every uploaded file), BIAOZHUN_PROTECTED_FILES and
BIAOZHUN_PROTECTED_FILES_LOCATION (the proxy sends private files), BIAOZHUN_MAX_PDF_PAGES, BIAOZHUN_UPLOAD_CHECK_SECONDS.
Transport security when DEBUG is off: SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE, SECURE_SSL_REDIRECT,
SECURE_REDIRECT_EXEMPT, SECURE_HSTS_SECONDS, SECURE_HSTS_INCLUDE_SUBDOMAINS, SECURE_HSTS_PRELOAD,
SECURE_REFERRER_POLICY, SECURE_CROSS_ORIGIN_OPENER_POLICY.
Limits: BIAOZHUN_API_ANON_RATE, BIAOZHUN_EXPORT_RATE; uploads and reads: DATA_UPLOAD_MAX_MEMORY_SIZE,
FILE_UPLOAD_MAX_MEMORY_SIZE, BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES, BIAOZHUN_MAX_DOCUMENT_BYTES, BIAOZHUN_UPLOAD_MAX_CELLS,
BIAOZHUN_UPLOAD_PARSE_SECONDS, BIAOZHUN_UPLOAD_MAX_ZIP_ENTRIES, BIAOZHUN_UPLOAD_MAX_UNZIPPED_BYTES,
BIAOZHUN_UPLOAD_MAX_ZIP_RATIO, BIAOZHUN_IMPORT_MAX_UNZIPPED_BYTES; batch filing: BIAOZHUN_MAX_FILING_BATCH_BYTES,
BIAOZHUN_FILING_BATCH_MAX_ROWS, BIAOZHUN_FILING_BATCH_MAX_UNZIPPED_BYTES.
Privacy: BIAOZHUN_FIELD_KEYS (or BIAOZHUN_FIELD_KEYS_FILE: the keys that encrypt e-mail addresses and phone numbers
at rest), BIAOZHUN_PRIVACY_CONSENT_REQUIRED, BIAOZHUN_PRIVACY_CONTACT.
Audit: BIAOZHUN_AUDIT_RETENTION_DAYS (at least 183 days: lower values are refused at startup).
Health: BIAOZHUN_SEARCH_MAX_LAG_EVENTS, BIAOZHUN_SEARCH_MAX_LAG_SECONDS, BIAOZHUN_TASKS_MAX_BACKLOG_SECONDS.
See docs/deployment.md.

Sign-in security (docs/deployment.md, "Sign-in security"): BIAOZHUN_LOGIN_MAX_FAILURES_PER_ACCOUNT,
BIAOZHUN_LOGIN_MAX_FAILURES_PER_ADDRESS, BIAOZHUN_LOGIN_FAILURE_WINDOW_MINUTES, BIAOZHUN_LOGIN_LOCK_MINUTES (lockout
after failed sign-ins); BIAOZHUN_MFA_REQUIRED (second factor for privileged accounts); BIAOZHUN_SESSION_IDLE_MINUTES,
BIAOZHUN_SESSION_IDLE_MINUTES_PRIVILEGED, BIAOZHUN_SESSION_MAX_HOURS, BIAOZHUN_SESSION_MAX_HOURS_PRIVILEGED (session
timeouts); BIAOZHUN_PASSWORD_MIN_LENGTH; BIAOZHUN_PASSWORD_RESET_EMAILS_PER_ACCOUNT,
BIAOZHUN_PASSWORD_RESET_EMAILS_PER_ADDRESS; page rate limits BIAOZHUN_RATE_LOGIN, BIAOZHUN_RATE_MFA,
BIAOZHUN_RATE_REGISTER, BIAOZHUN_RATE_PASSWORD_RESET, BIAOZHUN_RATE_VALIDITY, BIAOZHUN_RATE_SEARCH,
BIAOZHUN_RATE_VERIFY ("N/second|minute|hour|day", or "off"). Implementation feedback: BIAOZHUN_RATE_FEEDBACK,
BIAOZHUN_RATE_FEEDBACK_CODE, BIAOZHUN_RATE_FEEDBACK_CODE_PER_ITEM, BIAOZHUN_RATE_FEEDBACK_CODE_VERIFY,
BIAOZHUN_MAX_FEEDBACK_ATTACHMENT_BYTES, BIAOZHUN_MAX_FEEDBACK_UPLOAD_BYTES. Pilots and demonstrations:
BIAOZHUN_MAX_PROGRAMME_ATTACHMENT_BYTES, BIAOZHUN_MAX_PROGRAMME_UPLOAD_BYTES. Work plan texts:
BIAOZHUN_MAX_WORKPLAN_UPLOAD_BYTES.

DEBUG is off unless DEBUG=1 says otherwise: the site runs the way its users get it, also under `make run`.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from biaozhun.settings_env import env_bool as _env_bool
from biaozhun.settings_env import env_list as _env_list

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("BIAOZHUN_VAR_DIR", BASE_DIR / "var"))


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


def _field_keys() -> list[str]:
    """The keys that encrypt personal data at rest (core/crypto.py), the encrypting one first: BIAOZHUN_FIELD_KEYS
    ("k2:base64,k1:base64") from the environment, else one "key-id:base64" per line of BIAOZHUN_FIELD_KEYS_FILE
    (default var/field_keys, which `make setup` writes once: never committed). Only DEBUG falls back to a fixed
    development key."""
    if keys := os.environ.get("BIAOZHUN_FIELD_KEYS", "").strip():
        return [key.strip() for key in keys.split(",") if key.strip()]
    key_file = Path(os.environ.get("BIAOZHUN_FIELD_KEYS_FILE", VAR_DIR / "field_keys"))
    try:
        lines = key_file.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    if keys := [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]:
        return keys
    if DEBUG:
        return ["dev:ZGV2LW9ubHktaW5zZWN1cmUtZmllbGQta2V5LTMyYiE="]
    raise ImproperlyConfigured(
        f"No field encryption key: set BIAOZHUN_FIELD_KEYS (or BIAOZHUN_FIELD_KEYS_FILE), or run `make setup`, which "
        f"writes {key_file}."
    )


BIAOZHUN_FIELD_KEYS = _field_keys()
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")
CSRF_FAILURE_VIEW = "biaozhun.portal.views.errors.csrf_failure"

INSTALLED_APPS = [
    "biaozhun.accounts.security.admin_config.AdminConfig",  # Django's admin, signed in through our login page
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",  # runserver leaves static files to WhiteNoise, as in production
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "ninja",  # the API docs page from local static files (no CDN, no inline script)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "biaozhun.core",
    "biaozhun.accounts",
    "biaozhun.audit",
    "biaozhun.reference",
    "biaozhun.catalog",
    "biaozhun.search",
    "biaozhun.committees",
    "biaozhun.feedback",
    "biaozhun.development",
    "biaozhun.filing",
    "biaozhun.declarations",
    "biaozhun.groups",
    "biaozhun.leaders",
    "biaozhun.inspections",
    "biaozhun.propagation",
    "biaozhun.assessments",
    "biaozhun.international",
    "biaozhun.programmes",
    "biaozhun.workplan",
    "biaozhun.stats",
    "biaozhun.systems",
    "biaozhun.portal",
    "biaozhun.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "biaozhun.audit.context.AuditContextMiddleware",  # the client's address for audit records
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "biaozhun.core.upload_limits.UploadLimitMiddleware",  # before CSRF, which reads the form
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): signed in with the second factor
    "biaozhun.core.middleware.PolicyRefusalMiddleware",
    "biaozhun.core.caching.PrivateNoStoreMiddleware",
    "biaozhun.core.csp.ContentSecurityPolicyMiddleware",
    "biaozhun.api.security.ApiTokenMiddleware",
    "biaozhun.api.ratelimit.AnonymousApiRateLimit",
    "biaozhun.accounts.privacy.consent.PrivacyConsentMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "biaozhun.accounts.security.sessions.SessionTimeoutMiddleware",
    "biaozhun.accounts.security.second_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# Anonymous GET/HEAD of these paths, without cookie or Authorization header, take LEAN_MIDDLEWARE: the middleware
# above that can change the answer to such a request, in the same order (biaozhun/core/lean.py).
LEAN_PATHS = frozenset({"/api/v1/search/"})
LEAN_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "biaozhun.core.lean.AnonymousVisitorMiddleware",  # in place of sessions and authentication
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "biaozhun.core.csp.ContentSecurityPolicyMiddleware",
    "biaozhun.api.ratelimit.AnonymousApiRateLimit",
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
BIAOZHUN_PASSWORD_MIN_LENGTH = int(os.environ.get("BIAOZHUN_PASSWORD_MIN_LENGTH", "12"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "biaozhun.accounts.security.passwords.MinimumLengthValidator",  # Django's, message translated
     "OPTIONS": {"min_length": BIAOZHUN_PASSWORD_MIN_LENGTH}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Common and leaked passwords, pinyin words and names with digits, keyboard walks, Passw0rd!-style spellings.
    {"NAME": "biaozhun.accounts.security.passwords.GuessablePasswordValidator"},
]
# Signed-in people accept the current privacy notice before going on (accounts/privacy/consent.py).
BIAOZHUN_PRIVACY_CONSENT_REQUIRED = _env_bool("BIAOZHUN_PRIVACY_CONSENT_REQUIRED", True)
# Where people write about their personal information (the privacy notice names it).
BIAOZHUN_PRIVACY_CONTACT = os.environ.get("BIAOZHUN_PRIVACY_CONTACT", "privacy@localhost")
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"


# --- Security audit log ---------------------------------------------------------------------
def _audit_retention_days() -> int:
    """Days the security audit log is kept: at least six months (GB/T 22239-2019 8.1.4.3), so less is refused."""
    days = int(os.environ.get("BIAOZHUN_AUDIT_RETENTION_DAYS", "183"))
    if days < 183:
        raise ImproperlyConfigured(
            f"BIAOZHUN_AUDIT_RETENTION_DAYS={days} is too short: audit records must be kept at least 183 days "
            "(six months). Set it to 183 or more, or leave it unset for 183."
        )
    return days


BIAOZHUN_AUDIT_RETENTION_DAYS = _audit_retention_days()
# Test databases only: `flush` drops the history tables' append-only triggers for the flush (core/append_only_db.py).
BIAOZHUN_FLUSH_SUSPENDS_HISTORY_GUARDS = False
# --- Sign-in security (accounts/security/): biaozhun/settings_signin.py -----------------------
from biaozhun.settings_signin import *  # noqa: E402, F403

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
# Where EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend writes each email (a file per message).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))

# --- Background tasks -----------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# (task path, local time HH:MM) pairs that `manage.py run_scheduler` enqueues once a day.
BIAOZHUN_DAILY_TASKS = [
    ("biaozhun.catalog.tasks.refresh_statuses_daily", "00:05"),
    ("biaozhun.propagation.tasks.resume_propagation", "00:12"),
    ("biaozhun.systems.tasks.carry_tags", "00:13"),
    ("biaozhun.development.tasks.sweep_projects", "00:15"),
    ("biaozhun.filing.tasks.sweep_filings", "00:20"),
    ("biaozhun.filing.tasks.flag_superseded_standards", "00:45"),
    ("biaozhun.inspections.tasks.sweep_inspections", "00:50"),
    ("biaozhun.feedback.tasks.sweep_feedback_daily", "00:55"),
    ("biaozhun.declarations.search.tasks.catch_up_search_index", "01:10"),
    ("biaozhun.committees.tasks.remind_term_ends_daily", "01:20"),
    ("biaozhun.workplan.tasks.remind_due_tasks_daily", "01:22"),
    ("biaozhun.international.tasks.participation.sweep_ballots_daily", "01:25"),
    ("biaozhun.stats.tasks.snapshot_last_year", "02:30"),  # once a year: the first run after 1 January
    ("biaozhun.portal.tasks.notify_watchers", "07:00"),
    ("biaozhun.accounts.tasks.purge_sign_in_failures", "03:30"),
    ("biaozhun.core.tasks.refresh_database_statistics", "03:45"),
]
# /readyz answers 503 when the oldest task waiting for a worker has waited longer than this (seconds).
BIAOZHUN_TASKS_MAX_BACKLOG_SECONDS = float(os.environ.get("BIAOZHUN_TASKS_MAX_BACKLOG_SECONDS", "600"))
# The use counter of standards' pages (statistics: views, reads, downloads): each process adds in memory and writes
# the sums this often (seconds), so no page waits for the database to count; 0 writes each count at once.
BIAOZHUN_USE_FLUSH_SECONDS = float(os.environ.get("BIAOZHUN_USE_FLUSH_SECONDS", "5"))
# Implementation feedback (time limits per type are a table, /admin/feedback/): visitors' submissions and tracking
# codes per address, codes per item, attempts per address; each attachment's size and a request's files in all.
BIAOZHUN_RATE_FEEDBACK = os.environ.get("BIAOZHUN_RATE_FEEDBACK", "20/hour")
BIAOZHUN_RATE_FEEDBACK_CODE = os.environ.get("BIAOZHUN_RATE_FEEDBACK_CODE", "10/hour")
BIAOZHUN_RATE_FEEDBACK_CODE_PER_ITEM = os.environ.get("BIAOZHUN_RATE_FEEDBACK_CODE_PER_ITEM", "3/hour")
BIAOZHUN_RATE_FEEDBACK_CODE_VERIFY = os.environ.get("BIAOZHUN_RATE_FEEDBACK_CODE_VERIFY", "20/hour")
BIAOZHUN_MAX_FEEDBACK_ATTACHMENT_BYTES = int(os.environ.get("BIAOZHUN_MAX_FEEDBACK_ATTACHMENT_BYTES", str(10 * 2**20)))
BIAOZHUN_MAX_FEEDBACK_UPLOAD_BYTES = int(os.environ.get("BIAOZHUN_MAX_FEEDBACK_UPLOAD_BYTES", str(25 * 2**20)))
# Pilots and demonstrations: each file sent with an application, and an application's files in all.
BIAOZHUN_MAX_PROGRAMME_ATTACHMENT_BYTES = int(os.environ.get("BIAOZHUN_MAX_PROGRAMME_ATTACHMENT_BYTES",
                                                             str(10 * 2**20)))
BIAOZHUN_MAX_PROGRAMME_UPLOAD_BYTES = int(os.environ.get("BIAOZHUN_MAX_PROGRAMME_UPLOAD_BYTES", str(40 * 2**20)))
# Committees: the public notice of an application (calendar days, Civil Code counting), a term's length in years,
# and how many days before a term ends its secretariat is reminded to prepare the next (换届).
BIAOZHUN_COMMITTEE_NOTICE_DAYS = int(os.environ.get("BIAOZHUN_COMMITTEE_NOTICE_DAYS", "30"))
BIAOZHUN_COMMITTEE_TERM_YEARS = int(os.environ.get("BIAOZHUN_COMMITTEE_TERM_YEARS", "5"))
BIAOZHUN_COMMITTEE_TERM_REMINDER_DAYS = [int(d) for d in os.environ.get("BIAOZHUN_COMMITTEE_TERM_REMINDER_DAYS",
                                                                        "180,30").split(",")]
# The yearly work plan: days before a task's due date that its lead and co-responsible units are reminded (and once
# more when the date has passed), while the task is open.
BIAOZHUN_WORKPLAN_REMINDER_DAYS = [int(d) for d in os.environ.get("BIAOZHUN_WORKPLAN_REMINDER_DAYS", "30,7").split(",")]
# China's participation in ISO/IEC: days before a ballot's deadline that the mirror committee's secretariat is reminded
# of a vote not yet recorded, and how many days before its end a post's term shows as expiring soon.
BIAOZHUN_PARTICIPATION_REMINDER_DAYS = [int(d) for d in os.environ.get("BIAOZHUN_PARTICIPATION_REMINDER_DAYS",
                                                                       "7,1").split(",")]
BIAOZHUN_PARTICIPATION_EXPIRING_DAYS = int(os.environ.get("BIAOZHUN_PARTICIPATION_EXPIRING_DAYS", "180"))
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
# Bulk exports of the catalogue (open data) per address, or per account when signed in; administrators unlimited.
BIAOZHUN_EXPORT_RATE = os.environ.get("BIAOZHUN_EXPORT_RATE", "4/hour")
# Only behind a proxy that sets X-Forwarded-For itself.
BIAOZHUN_TRUST_X_FORWARDED_FOR = _env_bool("BIAOZHUN_TRUST_X_FORWARDED_FOR", False)

# --- Search ---------------------------------------------------------------------------------
# Each machine keeps its own index, fed from the catalogue's event table (manage.py search_sync).
BIAOZHUN_SEARCH = {"ENGINE": "tantivy", "PATH": Path(os.environ.get("BIAOZHUN_SEARCH_PATH", VAR_DIR / "search"))}
# An index further behind the catalogue's event table than this (event ids, or seconds the oldest unapplied event
# has waited) is stale: the search page says results may be incomplete and /readyz answers 503.
BIAOZHUN_SEARCH_MAX_LAG_EVENTS = int(os.environ.get("BIAOZHUN_SEARCH_MAX_LAG_EVENTS", "1000"))
BIAOZHUN_SEARCH_MAX_LAG_SECONDS = float(os.environ.get("BIAOZHUN_SEARCH_MAX_LAG_SECONDS", "300"))

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"  # `manage.py collectstatic` (in `make setup`) fills it; WhiteNoise serves it
STATICFILES_DIRS = [BASE_DIR / "biaozhun" / "static"]
STORAGES = {
    # Uploaded files are private unless a field says otherwise: no URL maps to this root (core/storage.py).
    "default": {"BACKEND": "biaozhun.core.storage.PrivateFileStorage"},
    # Files every visitor may read without condition, served under MEDIA_URL (by the proxy in production).
    "public": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Content-hashed names (cached for a year) and gzip copies; the unhashed files stay beside them for the
    # relative imports of the vendored pdf.js modules and its cmaps/ and standard_fonts/ directories.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "media/"
# The public root (the proxy may serve it under MEDIA_URL): only files everyone may read.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# The private root: every uploaded file (project documents, full texts). No URL maps to it; views that ask the
# policy hand its files out, streamed by Django or, with BIAOZHUN_PROTECTED_FILES, by the proxy.
BIAOZHUN_PRIVATE_MEDIA_ROOT = Path(os.environ.get("BIAOZHUN_PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# "" (Django streams the file), "nginx" (X-Accel-Redirect to an `internal` location) or "apache" (X-Sendfile).
BIAOZHUN_PROTECTED_FILES = os.environ.get("BIAOZHUN_PROTECTED_FILES", "").strip().lower()
# The nginx `internal` location aliased to the private root (only with BIAOZHUN_PROTECTED_FILES=nginx).
BIAOZHUN_PROTECTED_FILES_LOCATION = os.environ.get("BIAOZHUN_PROTECTED_FILES_LOCATION", "/_protected/")
if BIAOZHUN_PROTECTED_FILES not in {"", "nginx", "apache"}:
    raise ImproperlyConfigured("BIAOZHUN_PROTECTED_FILES must be empty, 'nginx' or 'apache'.")
if not BIAOZHUN_PROTECTED_FILES_LOCATION.startswith("/") or not BIAOZHUN_PROTECTED_FILES_LOCATION.endswith("/"):
    raise ImproperlyConfigured("BIAOZHUN_PROTECTED_FILES_LOCATION must start and end with '/', e.g. /_protected/.")


def _check_private_root(private: Path, served: list[Path]) -> None:
    """The private root shares no directory with a root that is served under a URL."""
    private = private.resolve()
    for root in (path.resolve() for path in served):
        if private == root or root in private.parents or private in root.parents:
            raise ImproperlyConfigured(f"BIAOZHUN_PRIVATE_MEDIA_ROOT ({private}) must be outside {root}, which is served.")


_check_private_root(BIAOZHUN_PRIVATE_MEDIA_ROOT, [MEDIA_ROOT, STATIC_ROOT])
# PDF uploads are parsed (core/uploads.py): at most this many pages, and this many seconds to check one.
BIAOZHUN_MAX_PDF_PAGES = int(os.environ.get("BIAOZHUN_MAX_PDF_PAGES", "5000"))
BIAOZHUN_UPLOAD_CHECK_SECONDS = float(os.environ.get("BIAOZHUN_UPLOAD_CHECK_SECONDS", "20"))
# Full-text uploads: PDF only, at most this many bytes.
BIAOZHUN_MAX_FULLTEXT_BYTES = int(os.environ.get("BIAOZHUN_MAX_FULLTEXT_BYTES", str(200 * 1024 * 1024)))

# --- Transport and browser security ---------------------------------------------------------------
# Production is served over https: whenever DEBUG is off, cookies are secure, http redirects to https and HSTS is
# sent (`manage.py check --deploy --fail-level WARNING` passes; tests/security/test_headers.py). `make run` on
# plain http://127.0.0.1 turns off what needs https: SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
# SECURE_SSL_REDIRECT=0 (browsers ignore HSTS over http). Roll HSTS out with a small SECURE_HSTS_SECONDS first.
SESSION_COOKIE_HTTPONLY = True  # scripts never read the session cookie
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = os.environ.get("SECURE_REFERRER_POLICY", "same-origin")
SECURE_CROSS_ORIGIN_OPENER_POLICY = os.environ.get("SECURE_CROSS_ORIGIN_OPENER_POLICY", "same-origin")

# --- Upload and read limits (biaozhun/core/upload_limits.py, biaozhun/core/safe_read.py) --------------------------
# A request body is refused by its size before it is read: form fields and JSON bodies up to
# DATA_UPLOAD_MAX_MEMORY_SIZE; files up to the limit their view declares with @upload_limit (the validity check,
# project documents), and to DATA_UPLOAD_MAX_MEMORY_SIZE on any other view. Files above
# FILE_UPLOAD_MAX_MEMORY_SIZE are spooled to a temporary file instead of memory.
_MB = 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(5 * _MB // 2)))
FILE_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("FILE_UPLOAD_MAX_MEMORY_SIZE", str(5 * _MB // 2)))
BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES = int(os.environ.get("BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES", str(5 * _MB)))
BIAOZHUN_MAX_DOCUMENT_BYTES = int(os.environ.get("BIAOZHUN_MAX_DOCUMENT_BYTES", str(50 * _MB)))
# A year's work plan as plain text (the 2019 plan is 40 KB).
BIAOZHUN_MAX_WORKPLAN_UPLOAD_BYTES = int(os.environ.get("BIAOZHUN_MAX_WORKPLAN_UPLOAD_BYTES", str(_MB)))
# Batch filing (docs/filing-batch.md): the whole upload (data file and ZIP of texts), and what is read of it.
BIAOZHUN_MAX_FILING_BATCH_BYTES = int(os.environ.get("BIAOZHUN_MAX_FILING_BATCH_BYTES", str(512 * _MB)))
BIAOZHUN_FILING_BATCH_LIMITS = {
    "rows": int(os.environ.get("BIAOZHUN_FILING_BATCH_MAX_ROWS", "1000")),
    "data_bytes": 10 * _MB,  # the XLSX or JSONL file
    "members": 2000,  # entries of the ZIP (folders included)
    "unzipped_bytes": int(os.environ.get("BIAOZHUN_FILING_BATCH_MAX_UNZIPPED_BYTES", str(1024 * _MB))),
    "ratio": 100,  # an entry (of 256 KB or more) or the whole ZIP inflating more than this many times: a zip bomb
}
# Bulk declaration files (docs/declarations-import.md): the upload; files up to 1 MB import while the person waits.
BIAOZHUN_MAX_DECLARATION_IMPORT_BYTES = int(os.environ.get("BIAOZHUN_MAX_DECLARATION_IMPORT_BYTES", str(50 * _MB)))
# Reading a spreadsheet or CSV someone uploaded (profile "upload") or an operator imports (profile "import"):
# see ReadLimits in biaozhun/core/safe_read.py. Rows per sheet are set by each reader (the validity check reads
# twice its 10,000 lines, blank rows included; imports up to Excel's 1,048,576).
BIAOZHUN_READ_LIMITS = {
    "upload": {
        "max_bytes": BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES,
        "max_cells": int(os.environ.get("BIAOZHUN_UPLOAD_MAX_CELLS", "500000")),
        "max_seconds": float(os.environ.get("BIAOZHUN_UPLOAD_PARSE_SECONDS", "10")),
        "max_zip_entries": int(os.environ.get("BIAOZHUN_UPLOAD_MAX_ZIP_ENTRIES", "1000")),
        "max_unzipped_bytes": int(os.environ.get("BIAOZHUN_UPLOAD_MAX_UNZIPPED_BYTES", str(64 * _MB))),
        "max_zip_ratio": int(os.environ.get("BIAOZHUN_UPLOAD_MAX_ZIP_RATIO", "100")),
        "max_xml_elements": 1_000_000,
    },
    "import": {
        "max_bytes": 2**62,  # a file on the operator's disk: the zip checks below still apply
        "max_cells": 2**62,
        "max_seconds": None,
        "max_zip_entries": int(os.environ.get("BIAOZHUN_UPLOAD_MAX_ZIP_ENTRIES", "1000")),
        "max_unzipped_bytes": int(os.environ.get("BIAOZHUN_IMPORT_MAX_UNZIPPED_BYTES", str(4096 * _MB))),
        "max_zip_ratio": int(os.environ.get("BIAOZHUN_UPLOAD_MAX_ZIP_RATIO", "100")),
        "max_xml_elements": 200_000_000,
    },
}

# Secure cookies whenever DEBUG is off (production is served over https); `make run` on plain
# http://127.0.0.1 turns them off with SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0.
if not DEBUG:
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = _env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = _env_list("SECURE_REDIRECT_EXEMPT", "")  # path regexes, e.g. a load balancer's probe
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD", True)
    # The TLS proxy says the request came over https (it must set or strip this header on every request).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy (django-csp): scripts, styles, fonts, workers and fetches from this site only; no inline
# script, style attribute or eval anywhere (tests/security/test_csp.py and the browser tests enforce it).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # Bootstrap's and Swagger UI's icons are data: SVGs in their CSS
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],  # the pdf.js worker, a module from the static files
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
