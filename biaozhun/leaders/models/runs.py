"""A ranking run: the tiers of one scheme over the declarations that matched its key product at that moment."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biaozhun.rules import leaders as rules


class RankingStatus(models.TextChoices):
    """The same values as rules.leaders.Ranking."""

    RANKED = rules.Ranking.RANKED.value, _("已分档")
    ALL_EQUAL = rules.Ranking.ALL_EQUAL.value, _("指标值全部相同，不分档")
    NONE_QUALIFIED = rules.Ranking.NONE_QUALIFIED.value, _("没有符合要求的声明")


class RankingRun(models.Model):
    """What a run read and what it found. Keys are declaration ids. ``tiers`` is [[ids of tier 1], [tier 2]...]
    with no order inside a tier; ``unranked`` the qualified ids when there is no ranking; ``excluded``
    [[id, indicator, reason, value]...] (reasons: rules.leaders.Reason, plus the mapping's own: see
    ranking.MappingReason); ``indicators`` per scheme indicator {"status", "tiers": [{"tier", "bound", "count"}]}.
    ``inputs_digest`` is the SHA-256 of the canonical inputs (see services/ranking.py), so a rerun on unchanged
    declarations shows the same digest. ``snapshot`` is what the run ranked by, copied when it ran (the scheme's
    title, version and indicators with their thresholds, requirements and aliases; the key product's matching):
    the scheme and the key product may be edited later, the run and the lists drawn from it never change."""

    scheme = models.ForeignKey("leaders.Scheme", on_delete=models.PROTECT, related_name="runs")
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    rules = models.CharField(_("分档规则"), max_length=40)
    status = models.CharField(_("结果"), max_length=14, choices=RankingStatus.choices)
    inputs_digest = models.CharField(_("输入摘要"), max_length=64)
    declarations = models.PositiveIntegerField(_("参与声明数"))
    indicator_rows = models.PositiveIntegerField(_("读取的指标行数"))
    tiers = models.JSONField(default=list)
    unranked = models.JSONField(default=list)
    excluded = models.JSONField(default=list)
    indicators = models.JSONField(default=dict)
    scheme_version = models.PositiveIntegerField(_("方案版本"), default=1)
    snapshot = models.JSONField(default=dict)  # services/ranking.snapshot_of
    seconds = models.FloatField(_("用时（秒）"), default=0)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("分档结果")
        verbose_name_plural = _("分档结果")

    def __str__(self) -> str:
        return f"{self.scheme} · {self.at:%Y-%m-%d %H:%M}"

    @property
    def scheme_title(self) -> str:
        return self.snapshot.get("scheme", {}).get("title", "")

    @property
    def ranked_indicators(self) -> list[dict]:
        """The scheme's indicators as this run ranked by them (not as the scheme says now)."""
        return self.snapshot.get("indicators", [])

    @property
    def tier_sizes(self) -> list[int]:
        return [len(keys) for keys in self.tiers]
