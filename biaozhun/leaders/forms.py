"""Forms of the leaders pages: an objection, the administration's notice length and objection decisions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.forms import BootstrapFormMixin

from .services.lists import MAX_OBJECTION, notice_working_days


class ObjectionForm(BootstrapFormMixin, forms.Form):
    entry = forms.TypedChoiceField(label=_("异议针对的企业和产品"), coerce=int)
    text = forms.CharField(label=_("异议的事实和理由"), max_length=MAX_OBJECTION, widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("请写明事实和依据（如检验报告编号）；处理意见将与名单一起公开，您的姓名不公开。"))

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [(entry.pk, f"{entry.enterprise.name} · {entry.declaration.identifier}")
                                        for entry in entries]


class NoticeForm(BootstrapFormMixin, forms.Form):
    working_days = forms.IntegerField(label=_("公示期（工作日）"), min_value=1, max_value=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_days"].initial = notice_working_days()


class DecisionForm(BootstrapFormMixin, forms.Form):
    upheld = forms.TypedChoiceField(label=_("处理结果"), coerce=lambda v: v == "1",
                                    choices=[("1", _("异议成立：移出名单")), ("0", _("异议不成立：保留"))])
    reason = forms.CharField(label=_("处理意见"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class GapForm(BootstrapFormMixin, forms.Form):
    """对标达标: one of the enterprise's declarations or typed indicators, against a scheme's requirements and/or
    typed requirements."""

    declaration = forms.TypedChoiceField(label=_("本企业的声明"), coerce=int, required=False, empty_value=None)
    indicators = forms.CharField(
        label=_("或手工填写指标"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一个指标：名称 | 单位 | 数值，例如：能效指数 | % | 45"))
    scheme = forms.TypedChoiceField(label=_("领跑者评估方案中的标准要求"), coerce=int, required=False, empty_value=None)
    requirements = forms.CharField(
        label=_("或手工填写标准要求"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一项：标准号 | 指标名称 | 单位 | 要求值 | 越高越好或越低越好，例如：GB 12021.2-2015 | 能效指数 | % | 62 | 越低越好"))

    def __init__(self, *args, declarations=(), schemes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declaration"].choices = [("", _("（不选，手工填写）"))] + [
            (d.pk, f"{d.identifier} {d.title}") for d in declarations]
        self.fields["scheme"].choices = [("", _("（不选）"))] + [
            (s.pk, f"{s.key_product.year} {s.key_product.name} · {s.title}") for s in schemes]

    def clean(self):
        data = super().clean()
        if data.get("declaration") is None and not (data.get("indicators") or "").strip():
            self.add_error("indicators", _("请选择本企业的一份声明，或手工填写指标。"))
        if data.get("scheme") is None and not (data.get("requirements") or "").strip():
            self.add_error("requirements", _("请选择评估方案，或手工填写至少一项标准要求。"))
        return data
