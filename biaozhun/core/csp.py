"""The Content Security Policy header (django-csp; the policy is CONTENT_SECURITY_POLICY in settings).

* PDF files get none: the browser's own PDF viewer runs as a plugin document that `object-src 'none'` would
  block, and a PDF runs none of our scripts.
* The 500 page carries its own `<style>` block (templates/500.html is self-contained: no template tags, no
  static files, so it renders when everything else fails); its response allows that block by its hash alone.

A view may loosen or drop the policy with django-csp's decorators (`csp.decorators.csp_update`, `csp_exempt`);
none does today.

Most responses (every API answer, pages without a nonce) carry the settings' policy unchanged: its header text is
built once per process (and again when the setting changes), not for each response — django-csp's builder cost
about a tenth of an API request's CPU.
"""

import base64
import hashlib
import re
from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import loader

EXEMPT_CONTENT_TYPES = ("application/pdf",)


@cache
def error_page_style_hashes() -> list[str]:
    """CSP sources for the `<style>` blocks of templates/500.html: `'sha256-…'` of each block's text."""
    source = loader.get_template("500.html").template.source
    blocks = re.findall(r"<style>(.*?)</style>", source, flags=re.DOTALL)
    return [f"'sha256-{base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()}'" for block in blocks]


@cache
def plain_policy(report_only: bool) -> str:
    """The header text of the settings' policy with no nonce and no per-view change."""
    return build_policy(report_only=report_only)


@receiver(setting_changed)
def _forget_policy(*, setting: str, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        plain_policy.cache_clear()


PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt", "_csp_config_ro", "_csp_update_ro",
                "_csp_replace_ro", "_csp_exempt_ro")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if response.get("Content-Type", "").startswith(EXEMPT_CONTENT_TYPES):
            return response
        if response.status_code == 500 and not hasattr(response, "_csp_update"):
            response._csp_update = {"style-src": error_page_style_hashes()}
        if (getattr(request, "_csp_nonce", None) is not None or any(hasattr(response, a) for a in PER_RESPONSE)
                or settings.DEBUG):
            return super().process_response(request, response)
        for header, report_only, name in ((HEADER, False, "CONTENT_SECURITY_POLICY"),
                                          (HEADER_REPORT_ONLY, True, "CONTENT_SECURITY_POLICY_REPORT_ONLY")):
            policy = plain_policy(report_only)
            excluded = tuple((getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
            if policy and header not in response and not request.path_info.startswith(excluded):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written is an error, not a silent gap.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
