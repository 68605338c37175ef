"""The groups API (/api/v1/groups/): the public registry, each organisation's group standards and announcements;
the organisation's members post announcements and signed-in people comment (personal API token or session)."""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.accounts import policy
from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, NOT_FOUND, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.core.errors import NotFoundError

from . import selectors
from .models import Announcement, AnnouncementKind, GroupProfile
from .services import AnnouncementInput, post_announcement, submit_comment

router = Router(tags=["groups"])
WRITE_ERRORS = {401: Problem, 403: Problem, 404: Problem, 409: Problem, **ERRORS}
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000


class RegistryFilters(Schema):
    q: str = Field("", max_length=selectors.MAX_KEYWORD, description="name, group code (CAS, T/CAS) or region name")
    province: str = Field("", pattern=r"^(\d{2})?$", description="2-digit GB/T 2260 province code, e.g. 11")
    section: str = Field("", pattern=r"^([A-Ta-t])?$", description="GB/T 4754 section letter, e.g. M")
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class GroupOut(Schema):
    code: str = Field(description="团体代号: the CAS of T/CAS 115-2005")
    name: str
    uscc: str
    registration_authority: str = Field(description="登记管理机关")
    supervising_unit: str = Field(description="业务主管单位")
    region: str = Field(description="GB/T 2260 code")
    region_name: str
    province: str
    industry: str = Field(description="GB/T 4754 section or division")
    industry_section: str
    url: str


class GroupPage(Schema):
    count: int
    items: list[GroupOut]


class GroupStandardOut(Schema):
    identifier: str
    title_zh: str
    status: str
    published_on: date | None
    implemented_on: date | None
    main_content: str = Field(description="主要技术内容")
    involves_patents: bool
    patent_note: str
    text_public: bool
    url: str


class GroupAnnouncementOut(Schema):
    id: int
    group_code: str
    kind: AnnouncementKind
    title: str
    standard_title: str
    body: str
    comment_start: date | None
    comment_end: date | None
    has_draft: bool
    posted_at: datetime
    url: str


class AnnouncementIn(Schema):
    kind: AnnouncementKind
    title: str = Field(max_length=200)
    standard_title: str = Field(max_length=200)
    body: str = Field(max_length=10000)
    comment_start: date | None = None
    comment_end: date | None = None


class GroupCommentIn(Schema):
    text: str = Field(max_length=5000)
    clause: str = Field("", max_length=50)
    reason: str = Field("", max_length=5000)
    organisation_name: str = Field("", max_length=200)


class GroupCommentOut(Schema):
    number: int
    commenter: str = Field(description="the public pseudonym, the same for one person's comments on the announcement")
    clause: str
    text: str
    reason: str
    author_name: str | None = Field(description="for the announcing organisation and administrators; else null")
    organisation_name: str | None = Field(description="for the announcing organisation and administrators; else null")
    submitted_at: datetime


def _group(profile: GroupProfile) -> dict:
    return {"code": profile.code, "name": profile.organisation.name, "uscc": profile.organisation.uscc,
            "registration_authority": profile.registration_authority, "supervising_unit": profile.supervising_unit,
            "region": profile.region_id, "region_name": profile.region.name_zh, "province": profile.province_id,
            "industry": profile.industry_id, "industry_section": profile.industry_section_id,
            "url": profile.get_absolute_url()}


def _announcement(announcement: Announcement) -> dict:
    return {"id": announcement.pk, "group_code": announcement.profile.code, "kind": announcement.kind,
            "title": announcement.title, "standard_title": announcement.standard_title, "body": announcement.body,
            "comment_start": announcement.comment_start, "comment_end": announcement.comment_end,
            "has_draft": bool(announcement.draft), "posted_at": announcement.posted_at,
            "url": announcement.get_absolute_url()}


def _profile(group_code: str) -> GroupProfile:
    profile = selectors.profile_by_code(group_code)
    if profile is None:
        raise NotFoundError(_("没有这个社会团体。"))
    return profile


def _found(announcement_id: int) -> Announcement:
    announcement = selectors.announcement(announcement_id)
    if announcement is None:
        raise NotFoundError(_("没有这条公告。"))
    return announcement


@router.get("/", response={200: GroupPage, **ERRORS}, summary="Registered social organisations, by group code")
def group_list(request, filters: Query[RegistryFilters]):
    profiles = selectors.registry(q=filters.q, province=filters.province, section=filters.section)
    return {"count": profiles.count(),
            "items": [_group(p) for p in profiles[filters.offset:filters.offset + filters.limit]]}


@router.get("/announcements", response={200: list[GroupAnnouncementOut], **ERRORS},
            summary="Announcements (立项公告, 征求意见), newest first")
def group_announcement_list(request, limit: int = Query(20, ge=1, le=MAX_LIMIT),
                            offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    return [_announcement(a) for a in selectors.announcements()[offset:offset + limit]]


@router.get("/announcements/{int:announcement_id}", response={200: GroupAnnouncementOut, **NOT_FOUND, **ERRORS},
            summary="One announcement")
def group_announcement_detail(request, announcement_id: int):
    return _announcement(_found(announcement_id))


def _comment(comment, *, identify: bool) -> dict:
    return {"number": comment.number, "commenter": comment.pseudonym, "clause": comment.clause, "text": comment.text,
            "reason": comment.reason, "author_name": comment.author_name if identify else None,
            "organisation_name": comment.organisation_name if identify else None,
            "submitted_at": comment.submitted_at}


@router.get("/announcements/{int:announcement_id}/comments",
            response={200: list[GroupCommentOut], **NOT_FOUND, **ERRORS},
            summary="The comments, in order; who made them only for the announcing organisation and administrators")
def group_comment_list(request, announcement_id: int, limit: int = Query(100, ge=1, le=MAX_LIMIT),
                       offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    announcement = _found(announcement_id)
    identify = policy.can(request.user, "groups.identify_commenters", announcement)
    comments = selectors.comments_for(viewer=request.user, announcement=announcement)[offset:offset + limit]
    return [_comment(comment, identify=identify) for comment in comments]


@router.post("/announcements/{int:announcement_id}/comments", auth=SIGNED_IN,
             response={201: GroupCommentOut, **WRITE_ERRORS}, summary="Comment on a 征求意见 during its period")
def group_comment_submit(request, announcement_id: int, payload: GroupCommentIn):
    announcement = _found(announcement_id)
    comment = submit_comment(actor=request.user, announcement=announcement, **payload.dict())
    return 201, _comment(comment, identify=True)  # the commenter's own


@router.get("/{group_code}", response={200: GroupOut, **NOT_FOUND, **ERRORS}, summary="One social organisation")
def group_detail(request, group_code: str):
    return _group(_profile(group_code))


@router.get("/{group_code}/standards", response={200: list[GroupStandardOut], **NOT_FOUND, **ERRORS},
            summary="An organisation's group standards, newest first")
def group_standards(request, group_code: str, limit: int = Query(100, ge=1, le=MAX_LIMIT),
                    offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    return [{"identifier": g.standard.identifier, "title_zh": g.standard.title_zh, "status": g.standard.status,
             "published_on": g.standard.published_on, "implemented_on": g.standard.implemented_on,
             "main_content": g.main_content, "involves_patents": g.involves_patents, "patent_note": g.patent_note,
             "text_public": g.text_public, "url": g.standard.get_absolute_url()}
            for g in selectors.standards_of(_profile(group_code))[offset:offset + limit]]


@router.post("/{group_code}/announcements", auth=SIGNED_IN, response={201: GroupAnnouncementOut, **WRITE_ERRORS},
             summary="Post an announcement for your organisation (without a draft file: upload it on the page)")
def group_announcement_post(request, group_code: str, payload: AnnouncementIn):
    announcement = post_announcement(actor=request.user, profile=_profile(group_code),
                                     data=AnnouncementInput(**payload.dict()))
    return 201, _announcement(selectors.announcement(announcement.pk))
