import mimetypes

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "biaozhun.portal"
    label = "portal"

    def ready(self) -> None:
        from biaozhun.accounts import policy

        from . import permissions

        policy.register_module(permissions)
        # pdf.js ships ES modules as .mjs; browsers refuse module scripts served with a non-JavaScript type.
        mimetypes.add_type("text/javascript", ".mjs")
