"""Campaigns: create (draft), commit (the population and inspector snapshots are taken and their digests announced
with the seed's commitment), draw (the seed is revealed; the sample and the assignment are stored)."""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.core import clock
from biaozhun.core.bulk import insert_rows
from biaozhun.core.errors import RequirementsUnmet, ValidationFailed
from biaozhun.rules import draw as pure

from .. import drawing, limits
from ..models import (
    Campaign,
    CampaignEventKind,
    CampaignState,
    CheckItem,
    Inspector,
    ItemInspector,
    SampledItem,
)
from ..population import population_records
from . import events

CHUNK = 900  # values per IN (...) list: under SQLite's older 999-variable limit
INSERT_ROWS = 5000  # rows per insert_rows call

EDITABLE = ("year", "title", "scope", "region_prefix", "industry_class", "tier", "source", "product_keyword",
            "flagged_only", "rate", "size", "excluded_regions", "excluded_enterprises", "inspectors_per_item",
            "exclude_same_organisation", "exclude_same_region", "region_level", "check_items")


def _validate(campaign: Campaign) -> None:
    errors: dict[str, list[str]] = {}
    if (campaign.rate is None) == (campaign.size is None):
        errors["rate"] = [_("请填写抽查比例或抽查数量中的一项（比例如 0.05，数量如 30）。")]
    elif campaign.rate is not None and not (Decimal(0) < Decimal(campaign.rate) <= Decimal(1)):
        errors["rate"] = [_("抽查比例须大于 0、不大于 1，例如 0.05 表示 5%。")]
    elif campaign.size is not None and campaign.size < 1:
        errors["size"] = [_("抽查数量至少为 1。")]
    if not campaign.check_items or set(campaign.check_items) - set(CheckItem.values):
        errors["check_items"] = [_("请至少选择一项检查事项。")]
    if campaign.inspectors_per_item < 1:
        errors["inspectors_per_item"] = [_("每户至少派 1 名检查人员。")]
    for name in ("region_prefix",):
        value = getattr(campaign, name)
        if value and not (value.isdigit() and len(value) in (2, 4, 6)):
            errors[name] = [_("地区代码前缀须为 2、4 或 6 位数字，如 32 或 3201。")]
    for prefix in drawing.split_list(campaign.excluded_regions):
        if not prefix.isdigit():
            errors["excluded_regions"] = [_("排除的地区须为数字代码，用逗号分隔，如 3205,3206。")]
    try:
        campaign.full_clean(exclude=["authority", "seed"])
    except ValidationError as exc:
        for field_name, messages in exc.message_dict.items():
            errors.setdefault(field_name, []).extend(messages)
    if errors:
        raise ValidationFailed(_("抽查任务有需要修改的内容，见各栏的说明。"),
                               [{"field": k, "message": str(m)} for k, ms in errors.items() for m in ms])


@transaction.atomic
def create_campaign(actor: Any, *, authority: Organisation, **fields: Any) -> Campaign:
    """A draft campaign of the authority (nothing is public yet)."""
    policy.require(actor, "inspections.create", authority)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown campaign fields: {sorted(unknown)}")
    campaign = Campaign(authority=authority, **fields)
    campaign.check_items = [code for code in CheckItem.values if code in set(campaign.check_items or ())]
    _validate(campaign)
    campaign.save()
    events.record(campaign, CampaignEventKind.CREATED, actor=actor, to_state=campaign.state)
    return campaign


def _locked(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


def _snapshot_file(content: bytes) -> ContentFile:
    return ContentFile(content, name="snapshot.jsonl")


@transaction.atomic
@pure.paused_collector()  # hundreds of thousands of rows and records made at once (rules/draw.py)
def commit_campaign(actor: Any, *, campaign: Campaign) -> Campaign:
    """Take the population and inspector snapshots now, make the secret seed, and announce the commitment, the
    snapshots' digests and the parameters. The seed is stored encrypted and shown to nobody until the draw."""
    policy.require(actor, "inspections.manage", campaign)
    campaign = _locked(campaign)
    events.refuse_unless(campaign, CampaignState.COMMITTED)
    population = list(population_records(campaign))
    inspectors = [i.snapshot_record() for i in Inspector.objects.filter(authority=campaign.authority_id,
                                                                        is_active=True).order_by("number")]
    missing = []
    if not population:
        missing.append({"requirement": "population", "message": _(
            "按抽查范围没有找到已公开自我声明的企业；请放宽地区、行业或产品条件。")})
    if len(inspectors) < campaign.inspectors_per_item:
        missing.append({"requirement": "inspectors", "message": _(
            "检查人员名录中在库人员少于每户所需人数；请先添加检查人员。")})
    if missing:
        raise RequirementsUnmet(_("还不能公布承诺值：") + "；".join(str(m["message"]) for m in missing), missing)
    population_bytes = pure.canonical_snapshot(population)
    inspector_bytes = pure.canonical_snapshot(inspectors)
    seed = pure.new_seed()
    campaign.seed = seed.hex()
    campaign.commitment = pure.commitment(seed)
    # The digest of a snapshot is the SHA-256 of its canonical bytes (rules/draw.py, step 2): hashed, not remade.
    campaign.population_sha256 = hashlib.sha256(population_bytes).hexdigest()
    campaign.population_records = len(population)
    campaign.inspectors_sha256 = hashlib.sha256(inspector_bytes).hexdigest()
    campaign.inspector_records = len(inspectors)
    campaign.parameters = drawing.announced_parameters(campaign)
    campaign.committed_at = clock.now()
    campaign.population_file.save("population.jsonl", _snapshot_file(population_bytes), save=False)
    campaign.inspectors_file.save("inspectors.jsonl", _snapshot_file(inspector_bytes), save=False)
    events.move(campaign, CampaignState.COMMITTED, CampaignEventKind.COMMITTED, actor=actor, fields=(
        "seed", "commitment", "population_sha256", "population_records", "inspectors_sha256", "inspector_records",
        "parameters", "committed_at", "population_file", "inspectors_file"), data={
        "commitment": campaign.commitment, "population_sha256": campaign.population_sha256,
        "inspectors_sha256": campaign.inspectors_sha256, "parameters": campaign.parameters})
    return campaign


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    for begin in range(0, len(rows), INSERT_ROWS):
        insert_rows(model, columns, rows[begin:begin + INSERT_ROWS])


def _ids_by(model_filter, keys: list[str], field: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(keys), CHUNK):
        found.update(model_filter(**{f"{field}__in": keys[start:start + CHUNK]}).values_list(field, "pk"))
    return found


@transaction.atomic
@pure.paused_collector()
def draw_campaign(actor: Any, *, campaign: Campaign) -> Campaign:
    """Reveal the seed and draw from the snapshots taken at commitment; store the sample and the assignment. If
    some sampled enterprise has too few eligible inspectors, nothing is drawn and the message lists them."""
    policy.require(actor, "inspections.manage", campaign)
    campaign = _locked(campaign)
    events.refuse_unless(campaign, CampaignState.DRAWN)
    seed = bytes.fromhex(campaign.seed)
    snapshot_refused = _("保存的名录与公布的摘要不一致，不能抽取；请联系系统管理员检查存储。")
    try:
        population = pure.read_canonical(drawing.read_snapshot_bytes(campaign.population_file),
                                         known_sha256=campaign.population_sha256)
        pool = pure.read_canonical(drawing.read_snapshot_bytes(campaign.inspectors_file),
                                   known_sha256=campaign.inspectors_sha256)
    except pure.SnapshotError:
        raise RequirementsUnmet(snapshot_refused, [{"requirement": "snapshot", "message": snapshot_refused}]) from None
    if (population.sha256, pool.sha256) != (campaign.population_sha256, campaign.inspectors_sha256):
        raise RequirementsUnmet(snapshot_refused, [{"requirement": "snapshot", "message": snapshot_refused}])
    try:
        result = drawing.run_draw_snapshots(campaign, seed, population, pool)
    except pure.NoEligibleInspectors as exc:
        raise RequirementsUnmet(
            _("有 %(count)s 户抽中企业可派的检查人员不足 %(needed)s 名（回避规则排除了其余人员）；请在名录中补充"
              "其他单位或地区的检查人员后，重新创建抽查任务。") % {"count": len(exc.shortages), "needed": exc.needed},
            [{"requirement": "inspectors", "message": _("抽中企业 %(key)s 只有 %(count)s 名可派的检查人员。") % {
                "key": key, "count": count}} for key, count in exc.shortages]) from None
    keys = list(result.sample)
    # exclude(uscc="") states the condition of the partial unique index on uscc, so SQLite looks the keys up in it.
    enterprises = _ids_by(Organisation.objects.exclude(uscc="").filter, keys, "uscc")
    # The pool is thousands at most: read it whole rather than by the numbers drawn.
    inspectors = dict(Inspector.objects.filter(authority=campaign.authority_id).values_list("number", "pk"))
    records, sorted_keys = population.records, population.keys
    regions = {key: records[bisect_left(sorted_keys, key)].get("region", "") for key in keys}
    # Multi-row INSERTs (core/bulk.py): the rows come from the draw just checked, inside this transaction.
    _insert(SampledItem, ["campaign_id", "rank", "key", "enterprise_id", "region_code"],
            [(campaign.pk, rank, key, enterprises[key], regions[key]) for rank, key in enumerate(keys, 1)])
    item_ids = dict(SampledItem.objects.filter(campaign=campaign).values_list("key", "pk"))
    _insert(ItemInspector, ["item_id", "inspector_id", "position"],
            [(item_ids[key], inspectors[number], position) for key in keys
             for position, number in enumerate(result.assignments[key], 1)])
    today = clock.today()
    due = limits.results_due(today)
    summary = result.as_dict()
    summary.pop("sample")
    campaign.seed_revealed = seed.hex()
    campaign.result = {**summary, "sample_size": len(keys)}
    campaign.drawn_at = clock.now()
    campaign.results_due_on, campaign.due_approximate = due.day, due.approximate
    events.move(campaign, CampaignState.DRAWN, CampaignEventKind.DRAWN, actor=actor, fields=(
        "seed_revealed", "result", "drawn_at", "results_due_on", "due_approximate"), data={
        "seed": campaign.seed_revealed, "sample_size": len(keys), "results_due_on": due.day.isoformat()})
    return campaign
