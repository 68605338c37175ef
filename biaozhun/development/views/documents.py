"""documents pages of the development workflow."""

urlpatterns: list = []


def detail_context(request, project) -> dict:
    return {}
