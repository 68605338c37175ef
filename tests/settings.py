"""Settings for the test suite: the project's settings with fast hashing, eager tasks and in-memory mail."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")  # no var/secret_key needed to run the tests
# No var/field_keys needed either (tests that rotate keys set their own).
os.environ.setdefault("BIAOZHUN_FIELD_KEYS", "test1:dGVzdHMtb25seS1maWVsZC1rZXktbm90LWEtc2VjcmV0")

from biaozhun.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, in the test's process. core.outbox then queues them when the transaction commits (tests
# capture on-commit callbacks to see emails); tests/reliability/ use the production database backend, where the
# task row is written in the change's own transaction.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
BIAOZHUN_API_ANON_RATE = "100000/minute"  # tests that exercise the limit set their own
BIAOZHUN_EXPORT_RATE = "100000/hour"
SECURE_SSL_REDIRECT = False  # the test client speaks plain http; tests/security/test_headers.py checks production
# Pages render without `collectstatic` (the browser tests run the collected, hashed files that `make run` serves).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# WhiteNoise serves the app's static files from their sources here (no collected directory in a fresh checkout).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
BIAOZHUN_FLUSH_SUSPENDS_HISTORY_GUARDS = True  # transactional tests empty the history tables between tests
# Tests that exercise them set their own (tests/security/): page rate limits off; no second factor demanded of the
# role fixtures that sign in with force_login (privileged sessions); sessions that outlive tests travelling in time.
BIAOZHUN_RATE_LOGIN = BIAOZHUN_RATE_MFA = BIAOZHUN_RATE_REGISTER = BIAOZHUN_RATE_PASSWORD_RESET = "off"
BIAOZHUN_RATE_VALIDITY = BIAOZHUN_RATE_SEARCH = "off"
BIAOZHUN_PASSWORD_RESET_EMAILS_PER_ACCOUNT = BIAOZHUN_PASSWORD_RESET_EMAILS_PER_ADDRESS = "off"
BIAOZHUN_MFA_REQUIRED = False
BIAOZHUN_SESSION_IDLE_MINUTES = BIAOZHUN_SESSION_IDLE_MINUTES_PRIVILEGED = 100 * 365 * 24 * 60
BIAOZHUN_SESSION_MAX_HOURS = BIAOZHUN_SESSION_MAX_HOURS_PRIVILEGED = 100 * 365 * 24
# Factory-made accounts have accepted no privacy notice: the suite does not stop them at /privacy/accept/
# (tests/security/test_privacy.py turns it on).
BIAOZHUN_PRIVACY_CONSENT_REQUIRED = False
# Page views are counted at once (tests/stats/test_use_buffer.py exercises the buffer of production).
BIAOZHUN_USE_FLUSH_SECONDS = 0
