import mimetypes

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "biaozhun.portal"
    label = "portal"

    def ready(self) -> None:
        from biaozhun.accounts import policy
        from biaozhun.accounts.privacy import personal_data

        from . import permissions
        from . import personal_data as mine

        policy.register_module(permissions)
        personal_data.register("watch_lists", export=mine.export_watches, erase=mine.erase_watches)
        personal_data.register("watch_emails", export=mine.export_watch_emails)
        # pdf.js ships ES modules as .mjs; browsers refuse module scripts served with a non-JavaScript type.
        mimetypes.add_type("text/javascript", ".mjs")
