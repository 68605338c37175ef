"""Who may do what with social organisations and group standards (registered with the policy).

The registry, the group standards (catalogue editions) and the announcements are public. A social organisation's
admins register and edit its entry; its members (any role) publish its group standards and post its
announcements; anyone signed in comments on a 征求意见 during its period. The comments are public under a
pseudonym per announcement (评论者 1, 2…); who made them (name and organisation) is for the announcing
organisation's members and the administrators, who also read them on the work page and export them. Administrators may do each of these for any organisation (to correct a record). The catalogue's own
rule (catalog/permissions.py) lets the same members create and edit the catalogue records of their own group code
and nothing else."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import OrganisationKind
from biaozhun.accounts.policy import everyone

from .authorities import group_memberships, is_admin, is_member
from .models import AnnouncementComment


# fmt: off
def _register(user: Any, organisation: Any) -> bool:
    """``organisation`` None asks "may they open the form?" (an admin of some social organisation)."""
    return (
        user.is_administrator
        or (organisation is None and any(m.role == "admin" for m in group_memberships(user)))
        or (organisation is not None
            and organisation.kind == OrganisationKind.SOCIAL_ORGANISATION
            and is_admin(user, organisation))
    )


def _edit_profile(user: Any, profile: Any) -> bool:
    return (
        user.is_administrator
        or is_admin(user, profile.organisation)
    )


def _act_for(user: Any, profile: Any) -> bool:
    """Publish its standards, post its announcements, read and export the comments it received."""
    return (
        user.is_administrator
        or is_member(user, profile.organisation)
    )


def _act_for_announcement(user: Any, announcement: Any) -> bool:
    return (
        _act_for(user, announcement.profile)
    )


def _work(user: Any, obj: Any) -> bool:
    """The organisation's own work pages: a member of some social organisation."""
    return (
        user.is_administrator
        or bool(group_memberships(user))
    )


def _comment(user: Any, announcement: Any) -> bool:
    """Anyone signed in (the period is checked by the service, which says when it opens or closed)."""
    return (
        announcement is None
        or announcement.takes_comments
    )
# fmt: on


def _comments(user: Any, announcement: Any) -> QuerySet:
    """The comments on ``announcement`` the user may read: every one, for everyone. They are shown under their
    pseudonyms unless ``groups.identify_commenters`` allows the names (views and the API ask it)."""
    return AnnouncementComment.objects.filter(announcement=announcement)


RULES = {
    "groups.view": everyone,
    "groups.register": _register,
    "groups.edit_profile": _edit_profile,
    "groups.publish": _act_for,
    "groups.announce": _act_for,
    "groups.view_comments": _act_for_announcement,
    "groups.identify_commenters": _act_for_announcement,
    "groups.comment": _comment,
    "groups.work": _work,
}
PUBLIC_ACTIONS = {"groups.view"}
FILTERS = {"groups.comments": _comments}
DENIALS = {
    "groups.register": _("社会团体信息由该社会团体的管理员登记。请先在账户页面创建或加入该社会团体（类型选“社会团体”），"
                         "并由其管理员办理。"),
    "groups.edit_profile": _("社会团体信息由该社会团体的管理员修改；如信息有误，请联系其管理员。"),
    "groups.publish": _("团体标准由发布它的社会团体的成员登记；请联系该社会团体的管理员把您加为成员。"),
    "groups.announce": _("公告由发布它的社会团体的成员发布；请联系该社会团体的管理员把您加为成员。"),
    "groups.view_comments": _("意见汇总（含提出人）只有发布公告的社会团体可以查看和下载；公告页面上的意见以“评论者”编号公开。"),
    "groups.identify_commenters": _("提出意见者的姓名和单位只向发布公告的社会团体和管理员显示；其他人看到“评论者”编号。"),
    "groups.comment": _("只有征求意见公告可以提出意见。"),
    "groups.work": _("团体标准工作页面供社会团体的成员使用；请先在账户页面创建或加入一个社会团体。"),
}
