"""The 404 page: problem+json under /api/, the site's page elsewhere."""

from biaozhun.portal.views.errors import page_not_found

from .errors import problem


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return problem(404, "not_found", "Not found.", "No API operation or resource at this address.")
    return page_not_found(request, exception)
