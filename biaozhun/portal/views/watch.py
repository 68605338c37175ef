"""My watch list: follow an edition, every edition of a number, or a saved search; remove them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.core.errors import DomainError

from .. import selectors, services
from ..models import Watch


@login_required
@require_safe
def watch_list(request):
    return render(request, "portal/watch_list.html", {"rows": selectors.watch_rows(user=request.user)})


@login_required
@require_POST
def watch_standard(request, standard_id: int):
    standard = get_object_or_404(policy.visible("catalog.standards", request.user), pk=standard_id)
    all_editions = request.POST.get("scope") == "series"
    try:
        services.watch_standard(actor=request.user, standard=standard, all_editions=all_editions)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已关注 %(what)s") % {"what": standard.undated if all_editions else standard.identifier})
    return redirect(standard)


@login_required
@require_POST
def save_search(request):
    try:
        services.save_search(actor=request.user, params=request.POST, label=request.POST.get("label", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已保存检索，有新标准或状态变化时会发邮件通知您。"))
    query = {k: request.POST[k] for k in services.SEARCH_KEYS if request.POST.get(k)}
    return redirect(f"{reverse('portal:standard_list')}?{urlencode(query)}")


@login_required
@require_POST
def unwatch(request, watch_id: int):
    watch = get_object_or_404(Watch, pk=watch_id)
    if not policy.can(request.user, "portal.manage_watch", watch):
        raise Http404(watch_id)  # someone else's watch: do not reveal that it exists
    services.unwatch(actor=request.user, watch=watch)
    messages.success(request, _("已取消关注。"))
    back = request.POST.get("next", "")  # the standard's page it was removed from; else the watch list
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        return redirect(back)
    return redirect("portal:watch_list")


