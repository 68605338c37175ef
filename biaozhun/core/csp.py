"""The Content Security Policy header (django-csp; the policy is CONTENT_SECURITY_POLICY in settings).

* PDF files get none: the browser's own PDF viewer runs as a plugin document that `object-src 'none'` would
  block, and a PDF runs none of our scripts.
* The 500 page carries its own `<style>` block (templates/500.html is self-contained: no template tags, no
  static files, so it renders when everything else fails); its response allows that block by its hash alone.

A view may loosen or drop the policy with django-csp's decorators (`csp.decorators.csp_update`, `csp_exempt`);
none does today.
"""

import base64
import hashlib
import re
from functools import cache

from csp.middleware import CSPMiddleware
from django.template import loader

EXEMPT_CONTENT_TYPES = ("application/pdf",)


@cache
def error_page_style_hashes() -> list[str]:
    """CSP sources for the `<style>` blocks of templates/500.html: `'sha256-…'` of each block's text."""
    source = loader.get_template("500.html").template.source
    blocks = re.findall(r"<style>(.*?)</style>", source, flags=re.DOTALL)
    return [f"'sha256-{base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()}'" for block in blocks]


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if response.get("Content-Type", "").startswith(EXEMPT_CONTENT_TYPES):
            return response
        if response.status_code == 500 and not hasattr(response, "_csp_update"):
            response._csp_update = {"style-src": error_page_style_hashes()}
        return super().process_response(request, response)
