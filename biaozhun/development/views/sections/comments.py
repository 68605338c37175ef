"""Comments on the project page: the comment form while a public period runs, the days it has left (counted as
the Civil Code counts them), the reader's own comments, and the count for those who process them."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import resolve_url

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.rules.periods import days_left

from ... import selectors
from ...forms import CommentForm
from ...models import Project, period_label


def taking_comments(project: Project, today) -> bool:
    return project.period_open and today <= project.period_ends_on and not project.frozen


def context(request, project: Project, *, form: CommentForm | None = None) -> dict:
    user = request.user
    today = clock.today()
    taking = taking_comments(project, today)
    may_view_all = policy.can(user, "development.view_comments", project)
    counts = selectors.comment_counts(project=project)
    mine = selectors.own_comments(viewer=user, project=project)
    next_url = project.get_absolute_url() + "#comments"
    left = days_left(project.period_opened_on or today, project.period_ends_on, today) if taking else 0
    return {
        "comments_visible": taking or bool(mine) or (may_view_all and counts["total"] > 0),
        "comments_taking": taking,
        "comments_period": period_label(project.stage) if taking else "",
        "comments_ends_on": project.period_ends_on,
        "comments_days_left": left,  # 1 on the last day
        "comments_form": (form or CommentForm(user))
        if taking and user.is_authenticated and policy.can(user, "development.comment", project) else None,
        "comments_login_url": f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': next_url})}",
        "comments_mine": mine,
        "comments_may_view_all": may_view_all,
        "comments_total": counts["total"],
        "comments_open": counts["open"],
    }
