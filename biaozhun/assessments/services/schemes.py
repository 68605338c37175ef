"""The scheme of a year (考核方案): set up from the year before (or the default of rules/assessment.py) the first
time a year is assessed or edited, then edited by the administration, each edit a new version with an event
holding what changed. Assessments keep the scheme they were computed with, so an edit changes none made before."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.rules.assessment import DEFAULT_SCHEME, validate_scheme

from .. import events
from ..models import AssessmentScheme
from ..texts import problem_messages

FIRST_YEAR = 2000


class StaleEdit(DomainError):
    """Someone saved the scheme after the editor opened it."""

    code = "stale_edit"
    status = 409


def check_year(year: int) -> None:
    """A year that has begun and is not before the platform's records."""
    today = clock.today()
    if not FIRST_YEAR <= year <= today.year:
        raise ValidationFailed(_("年度不正确。"), [{"field": "year", "message": _(
            "请填写 %(first)d 年至 %(last)d 年之间的年度：考核评估的是已经开始的年度。") % {
            "first": FIRST_YEAR, "last": today.year}}])


def _create(actor: Any, year: int) -> AssessmentScheme:
    previous = AssessmentScheme.objects.filter(year__lt=year).order_by("-year").first()
    config = previous.config if previous is not None else DEFAULT_SCHEME.as_dict()
    now = clock.now()
    try:
        with transaction.atomic():
            scheme = AssessmentScheme.objects.create(year=year, config=config, created_at=now, updated_at=now,
                                                     updated_by=user_or_none(actor))
    except IntegrityError:  # set up by someone else a moment ago
        return AssessmentScheme.objects.get(year=year)
    events.scheme_created(scheme, actor=actor, copied_from=previous.year if previous is not None else None)
    return scheme


@transaction.atomic
def ensure_scheme(*, actor: Any, year: int) -> AssessmentScheme:
    """The year's scheme, set up from the year before (or the default) if the year has none yet."""
    policy.require(actor, "assessments.assess")
    check_year(year)
    return AssessmentScheme.objects.filter(year=year).first() or _create(actor, year)


@transaction.atomic
def update_scheme(*, actor: Any, year: int, config: dict[str, Any], expected_version: int) -> AssessmentScheme:
    """Replace the year's scheme with ``config`` (checked by rules.assessment.validate_scheme: every problem named
    with its field), as a new version. Refused, with nothing written, when someone saved it after the editor opened
    ``expected_version``."""
    policy.require(actor, "assessments.configure")
    check_year(year)
    existing = AssessmentScheme.objects.select_for_update().filter(year=year).first()
    # 0: the editor saw no scheme for the year (the one it would start from); it is set up, then edited.
    version = existing.version if existing is not None else 0
    if version != expected_version:
        raise StaleEdit(_("您打开之后，已有其他人修改了 %(year)d 年的考核方案（现为第 %(version)d 版）。请重新打开，再次填写您的修改。")
                        % {"year": year, "version": version}, expected_version=expected_version, version=version)
    checked, problems = validate_scheme(config)
    if checked is None:
        raise ValidationFailed(_("考核方案未能保存，请按提示修改。"), problem_messages(problems))
    scheme = existing or _create(actor, year)
    after = checked.as_dict()
    changed = sorted(key for key in after if scheme.config.get(key) != after[key])
    if not changed:
        return scheme
    before = {key: scheme.config.get(key) for key in changed}
    scheme.config = after
    scheme.version += 1
    scheme.updated_at, scheme.updated_by = clock.now(), user_or_none(actor)
    scheme.save(update_fields=["config", "version", "updated_at", "updated_by"])
    events.scheme_changed(scheme, actor=actor, before=before, after={key: after[key] for key in changed})
    return scheme
