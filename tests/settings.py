"""Settings for the test suite: the project's settings with fast hashing, eager tasks and in-memory mail."""

from biaozhun.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
BIAOZHUN_API_ANON_RATE = "100000/minute"  # tests that exercise the limit set their own
