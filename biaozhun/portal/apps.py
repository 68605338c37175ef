import mimetypes

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "biaozhun.portal"
    label = "portal"

    def ready(self) -> None:
        # pdf.js ships ES modules as .mjs; browsers refuse module scripts served with a non-JavaScript type.
        mimetypes.add_type("text/javascript", ".mjs")
