"""Reads the groups pages and API share: the registry with its search, one organisation's entry with its
standards and announcements, announcements, comments (as far as the policy lets the viewer see) and statistics."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from biaozhun.accounts import policy
from biaozhun.reference.models import IndustryClass, RegionCode

from .authorities import group_organisations
from .models import Announcement, AnnouncementComment, GroupProfile, GroupStandard

MAX_KEYWORD = 100


def registry(*, q: str = "", province: str = "", section: str = "") -> QuerySet[GroupProfile]:
    """Registered social organisations by group code; ``q`` matches the name, the group code (T/CAS, cas) or the
    region's name; ``province`` a 2-digit code, ``section`` a GB/T 4754 section letter."""
    profiles = GroupProfile.objects.select_related("organisation", "region", "province", "industry_section")
    q = " ".join(q.replace("\x00", "").split())[:MAX_KEYWORD]
    if q:
        code = q.upper().removeprefix("T/").strip()
        profiles = profiles.filter(Q(organisation__name__icontains=q) | Q(code__istartswith=code)
                                   | Q(region__name_zh__icontains=q) | Q(province__name_zh__icontains=q))
    if province:
        profiles = profiles.filter(province_id=province)
    if section:
        profiles = profiles.filter(industry_section_id=section.upper())
    return profiles.annotate(standard_count=Count("standards")).order_by("code")


def profile_by_code(code: str) -> GroupProfile | None:
    code = (code or "").replace("\x00", "").strip()
    return (GroupProfile.objects.select_related("organisation", "region", "province", "industry", "industry_section")
            .filter(code__iexact=code).first()) if code else None


def standards_of(profile: GroupProfile) -> QuerySet[GroupStandard]:
    return (GroupStandard.objects.filter(profile=profile).select_related("standard")
            .order_by("-standard__published_on", "-id"))


def announcements(*, profile: GroupProfile | None = None) -> QuerySet[Announcement]:
    found = Announcement.objects.select_related("profile", "profile__organisation")
    if profile is not None:
        found = found.filter(profile=profile)
    return found.order_by("-posted_at", "-id")


def announcement(pk: int) -> Announcement | None:
    return announcements().filter(pk=pk).first()


def comments_for(*, viewer, announcement: Announcement) -> QuerySet[AnnouncementComment]:
    return policy.visible("groups.comments", viewer, announcement).order_by("number")


def profiles_of(user) -> list[tuple[object, GroupProfile | None]]:
    """The user's social organisations, each with its registry entry (None if not registered yet)."""
    organisations = group_organisations(user)
    profiles = {p.organisation_id: p for p in GroupProfile.objects.filter(
        organisation__in=[o.pk for o in organisations]).select_related("organisation")}
    return [(organisation, profiles.get(organisation.pk)) for organisation in organisations]


@dataclass(frozen=True)
class Statistics:
    by_province: list[tuple[RegionCode, int, int]]  # (province, organisations, group standards)
    by_section: list[tuple[IndustryClass, int, int]]
    organisations: int
    standards: int


def statistics() -> Statistics:
    """Registered organisations and their group standards by province and by GB/T 4754 section (sections and
    provinces without any left out)."""
    def counted(field: str) -> dict[str, tuple[int, int]]:
        rows = GroupProfile.objects.values(field).annotate(n=Count("id", distinct=True), s=Count("standards"))
        return {row[field]: (row["n"], row["s"]) for row in rows}

    provinces, sections = counted("province_id"), counted("industry_section_id")
    by_province = [(region, *provinces[region.code]) for region in RegionCode.objects.filter(code__in=provinces)]
    by_section = [(section, *sections[section.code]) for section in IndustryClass.objects.filter(code__in=sections)]
    return Statistics(by_province=sorted(by_province, key=lambda row: (-row[1], row[0].code)),
                      by_section=sorted(by_section, key=lambda row: (-row[1], row[0].code)),
                      organisations=sum(n for n, _s in provinces.values()),
                      standards=sum(s for _n, s in provinces.values()))


def province_choices() -> list[tuple[str, str]]:
    return list(RegionCode.objects.filter(level=RegionCode.Level.PROVINCE).values_list("code", "name_zh"))


def section_choices() -> list[tuple[str, str]]:
    return [(code, f"{code} {name}") for code, name in IndustryClass.objects.filter(level=1).values_list(
        "code", "name_zh")]
