import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biaozhun.settings")
full = get_wsgi_application()

from biaozhun.core.lean import LeanDispatcher  # noqa: E402 (after Django is set up)

application = LeanDispatcher(full)
