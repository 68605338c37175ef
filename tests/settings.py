"""Settings for the test suite: the project's settings with fast hashing, eager tasks and in-memory mail."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")  # no var/secret_key needed to run the tests
# No var/field_keys needed either (tests that rotate keys set their own).
os.environ.setdefault("BIAOZHUN_FIELD_KEYS", "test1:dGVzdHMtb25seS1maWVsZC1rZXktbm90LWEtc2VjcmV0")

from biaozhun.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
BIAOZHUN_API_ANON_RATE = "100000/minute"  # tests that exercise the limit set their own
# Pages render without `collectstatic` (the browser tests run the collected, hashed files that `make run` serves).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# WhiteNoise serves the app's static files from their sources here (no collected directory in a fresh checkout).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Factory-made accounts have accepted no privacy notice: the suite does not stop them at /privacy/accept/
# (tests/security/test_privacy.py turns it on).
BIAOZHUN_PRIVACY_CONSENT_REQUIRED = False
