from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from biaozhun.api.urls import api
from biaozhun.core import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("biaozhun.accounts.urls")),
    path("assessments/", include("biaozhun.assessments.urls")),
    path("audit/", include("biaozhun.audit.urls")),
    path("api/v1/", api.urls),
    path("committees/", include("biaozhun.committees.urls")),
    path("declarations/", include("biaozhun.declarations.urls")),
    path("feedback/", include("biaozhun.feedback.urls")),
    path("filing/", include("biaozhun.filing.urls")),
    path("groups/", include("biaozhun.groups.urls")),
    path("leaders/", include("biaozhun.leaders.urls")),
    path("inspections/", include("biaozhun.inspections.urls")),
    path("international/", include("biaozhun.international.urls")),
    path("privacy/", include("biaozhun.accounts.privacy.urls")),
    path("programmes/", include("biaozhun.programmes.urls")),
    path("projects/", include("biaozhun.development.urls")),
    path("propagation/", include("biaozhun.propagation.urls")),
    path("workplan/", include("biaozhun.workplan.urls")),
    path("stats/", include("biaozhun.stats.urls")),
    path("systems/", include("biaozhun.systems.urls")),
    path("", include("biaozhun.portal.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
handler403 = "biaozhun.portal.views.errors.permission_denied"
handler404 = "biaozhun.api.views.not_found"  # problem+json under /api/, the portal's page elsewhere
# handler500: Django's, which renders the self-contained templates/500.html (no database, no template tags).
