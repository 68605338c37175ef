"""Public project pages: the lists, like the platform's 正在起草 / 正在征求意见 / 正在审查 / 正在批准, and the
project page."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from biaozhun.rules.stages import PUBLIC_LISTS, Stage

from .. import selectors
from ..models import PUBLIC_LIST_LABELS
from .project_page import render_project_page

DEFAULT_LIST = Stage.DRAFTING  # lists are keyed by their first stage's code


@require_safe
def project_list(request):
    current = request.GET.get("list", DEFAULT_LIST)
    current = current if current in PUBLIC_LISTS else DEFAULT_LIST
    tag = request.GET.get("tag", "").strip()[:40]
    page = Paginator(selectors.public_list(key=current, tag=tag), 20).get_page(request.GET.get("page"))
    return render(request, "development/list.html", {
        "page": page, "lists": [(key, PUBLIC_LIST_LABELS[key]) for key in PUBLIC_LISTS], "current": current,
        "tag": tag, "tags": selectors.programme_tags(),
    })


@require_safe
def project_detail(request, pk: int):
    return render_project_page(request, selectors.project_for_page(pk=pk))
