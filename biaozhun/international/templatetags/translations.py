"""{% versions_of standard as versions %}: a standard's foreign-language versions (published texts, each with the
project that made it when there is one) and the translations in progress, for the standard's page."""

from django import template

from biaozhun.rules.translations import TranslationState

from ..models import TargetLanguage
from ..selectors.translations import versions_of as _versions_of

register = template.Library()


@register.simple_tag
def versions_of(standard):
    if standard is None:
        return {"versions": [], "in_progress": []}
    found = _versions_of(standard)
    labels = dict(TargetLanguage.choices)
    done = {project.language: project for project in found["projects"] if project.state == TranslationState.PUBLISHED}
    return {
        "versions": [{"label": labels.get(text.language, text.language), "language": text.language,
                      "project": done.get(text.language),
                      "on": done[text.language].published_on if text.language in done else None}
                     for text in found["texts"]],
        "in_progress": found["in_progress"],
    }
