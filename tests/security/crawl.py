"""Walk the site as a visitor would: from every address without parameters, follow the site's own links and GET
forms, a few pages of each kind, and keep every page answered. Used by the HEAD, CSP and cache tests, so a new
page is covered as soon as something links to it."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/i18n/", "/accounts/logout/")
PER_KIND = 3  # pages of one kind (one URL pattern with the same query parameters) worth fetching


def load_demo(settings, tmp_path) -> None:
    """The demo catalogue (tiny), committees and projects in every stage, filings in every state, and its search
    index, as `make run` has them."""
    from biaozhun.search.engine import forget_engines

    settings.VAR_DIR = tmp_path
    settings.BIAOZHUN_SEARCH = {"ENGINE": "tantivy", "PATH": tmp_path / "search"}
    forget_engines()
    for command, *args in (("load_demo", "--scale", "tiny"), ("load_demo_committees",), ("load_demo_projects",),
                           ("search_sync",), ("load_demo_filings",), ("load_demo_groups",), ("search_sync",),
                           ("load_demo_declarations",), ("load_demo_inspections",)):
        call_command(command, *args, stdout=io.StringIO(), stderr=io.StringIO())
    forget_engines()


def data_addresses() -> list[str]:
    """Pages few links lead to from the first pages: a standard with its full text and reader, each kind of
    ballot, a project's comments, a search with a query."""
    from biaozhun.catalog.models import FullText
    from biaozhun.development.models import Ballot, Project

    found = ["/standards/?q=%E4%BF%A1%E6%81%AF", "/standards/?q=GB"]
    for text in FullText.objects.select_related("standard")[:2]:
        standard = text.standard
        found += [standard.get_absolute_url(), reverse("portal:read_full_text", args=[standard.identifier, text.language])]
    found += [reverse("development:ballot", args=[pk]) for pk in Ballot.objects.values_list("pk", flat=True)[:4]]
    found += [reverse("development:comments", args=[pk]) for pk in Project.objects.values_list("pk", flat=True)[:4]]
    return found


def addresses_without_parameters() -> list[str]:
    """Every URL pattern of the site that takes no parameter, as a path."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            route = str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern) and "<" not in route and "(" not in route and "^" not in route:
                found.append("/" + (prefix + route).lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns, "")
    return [path for path in found if not path.startswith(SKIPPED_PREFIXES)]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        elif tag == "form" and (values.get("method") or "get").lower() == "get":
            self.links.append(values.get("action") or "")


def _kind(path: str, query: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    keys = sorted({key for key, _value in parse_qsl(query, keep_blank_values=True)})
    return f"{match.route}?{'&'.join(keys)}"


@dataclass
class Walk:
    pages: dict[str, object] = field(default_factory=dict)  # address → the GET response

    def ok(self):
        """The addresses that answered 200, with their responses."""
        return {url: r for url, r in self.pages.items() if r.status_code == 200}


def walk(client: Client, *, limit: int = 400) -> Walk:
    seen_kinds: Counter = Counter()
    queue = addresses_without_parameters() + data_addresses()
    result = Walk()
    while queue and len(result.pages) < limit:
        url, _fragment = urldefrag(queue.pop(0))
        parts = urlsplit(url)
        if parts.netloc or url in result.pages or parts.path.startswith(SKIPPED_PREFIXES):
            continue
        kind = _kind(parts.path, parts.query)
        if kind is None or seen_kinds[kind] >= PER_KIND:
            continue
        seen_kinds[kind] += 1
        response = client.get(url)
        result.pages[url] = response
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            parser = _Links()
            parser.feed(response.content.decode())
            queue.extend(urljoin(url, link) for link in parser.links if not link.startswith(("mailto:", "tel:")))
    return result
