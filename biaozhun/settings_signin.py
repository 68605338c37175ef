"""Sign-in security settings (lockout, second factor, session timeouts, password resets, page rate limits), read
from the environment; biaozhun/settings.py takes them in. Documented in docs/deployment.md, "Sign-in security"."""

import os

from biaozhun.settings_env import env_bool

# Failed sign-ins (counted in the database, so every web process sees them): after this many within the window,
# the account (any name typed, existing or not) or the client address is locked for BIAOZHUN_LOGIN_LOCK_MINUTES.
# A password reset by email unlocks an account; an administrator unlocks accounts and addresses in the admin.
BIAOZHUN_LOGIN_MAX_FAILURES_PER_ACCOUNT = int(os.environ.get("BIAOZHUN_LOGIN_MAX_FAILURES_PER_ACCOUNT", "5"))
BIAOZHUN_LOGIN_MAX_FAILURES_PER_ADDRESS = int(os.environ.get("BIAOZHUN_LOGIN_MAX_FAILURES_PER_ADDRESS", "20"))
BIAOZHUN_LOGIN_FAILURE_WINDOW_MINUTES = int(os.environ.get("BIAOZHUN_LOGIN_FAILURE_WINDOW_MINUTES", "15"))
BIAOZHUN_LOGIN_LOCK_MINUTES = int(os.environ.get("BIAOZHUN_LOGIN_LOCK_MINUTES", "15"))
# A second factor (TOTP app, with recovery codes) for staff, superusers, administrators, reviewers and TC
# secretariats: they enrol at their first sign-in and cannot use the site (nor /admin/) before. Others may enable it.
BIAOZHUN_MFA_REQUIRED = env_bool("BIAOZHUN_MFA_REQUIRED", True)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Biaozhun")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # no TOTP keys or QR codes in the admin
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds before another code after a wrong one, doubling each time
# Sessions end after this long without a request, and this long after signing in whatever happens ("privileged":
# the same people as the second factor).
BIAOZHUN_SESSION_IDLE_MINUTES = int(os.environ.get("BIAOZHUN_SESSION_IDLE_MINUTES", "480"))
BIAOZHUN_SESSION_IDLE_MINUTES_PRIVILEGED = int(os.environ.get("BIAOZHUN_SESSION_IDLE_MINUTES_PRIVILEGED", "30"))
BIAOZHUN_SESSION_MAX_HOURS = int(os.environ.get("BIAOZHUN_SESSION_MAX_HOURS", str(14 * 24)))
BIAOZHUN_SESSION_MAX_HOURS_PRIVILEGED = int(os.environ.get("BIAOZHUN_SESSION_MAX_HOURS_PRIVILEGED", "12"))
SESSION_COOKIE_AGE = max(BIAOZHUN_SESSION_MAX_HOURS, BIAOZHUN_SESSION_MAX_HOURS_PRIVILEGED) * 3600
# Password-reset emails: at most this many per account and per client address (the page answers the same).
BIAOZHUN_PASSWORD_RESET_EMAILS_PER_ACCOUNT = os.environ.get("BIAOZHUN_PASSWORD_RESET_EMAILS_PER_ACCOUNT", "3/hour")
BIAOZHUN_PASSWORD_RESET_EMAILS_PER_ADDRESS = os.environ.get("BIAOZHUN_PASSWORD_RESET_EMAILS_PER_ADDRESS", "10/hour")
# Pages that do heavy work or guard accounts, per client address (search: per person when signed in); over the
# limit a 429 page with Retry-After. Counters in the cache (BIAOZHUN_CACHE=database shares them).
BIAOZHUN_RATE_LOGIN = os.environ.get("BIAOZHUN_RATE_LOGIN", "30/minute")
BIAOZHUN_RATE_MFA = os.environ.get("BIAOZHUN_RATE_MFA", "20/minute")
BIAOZHUN_RATE_REGISTER = os.environ.get("BIAOZHUN_RATE_REGISTER", "10/hour")
BIAOZHUN_RATE_PASSWORD_RESET = os.environ.get("BIAOZHUN_RATE_PASSWORD_RESET", "20/hour")
BIAOZHUN_RATE_VALIDITY = os.environ.get("BIAOZHUN_RATE_VALIDITY", "20/minute")
BIAOZHUN_RATE_SEARCH = os.environ.get("BIAOZHUN_RATE_SEARCH", "120/minute")
# Re-running a draw for the public verify page when its kept result has expired (seconds of CPU each; per person).
BIAOZHUN_RATE_VERIFY = os.environ.get("BIAOZHUN_RATE_VERIFY", "6/hour")
