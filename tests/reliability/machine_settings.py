"""Settings of one "machine" in test_several_machines.py: the deployed settings (biaozhun.settings, read from the
environment like every machine), with emails written as files to BIAOZHUN_TEST_EMAIL_DIR so the test can count
them. Static files are served from their sources (no `collectstatic` per machine).
"""

import os

from biaozhun.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["BIAOZHUN_TEST_EMAIL_DIR"]
# Static files from their sources, as in tests/settings.py: no `collectstatic` per machine (not what is tested).
STORAGES = {  # noqa: F405
    **STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
