"""Load the demo catalogue: generated records across every tier, then full-text PDFs for a few of them (and for
their amendment sheets)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from biaozhun.catalog.demo.pdf import render_standard_pdf
from biaozhun.catalog.importing import run_import
from biaozhun.catalog.models import Nature, RelationKind, Standard, Tier
from biaozhun.catalog.services import attach_amendment_text, attach_full_text
from biaozhun.core.actors import SYSTEM
from biaozhun.datagen import generate

FULL_TEXTS = 12  # national standards that get a Chinese PDF; every third with an English title also an English one
MANDATORY_TEXTS = 3  # of them mandatory ones, whose texts the public reads online (whatever order the import gave)


class Command(BaseCommand):
    help = "Load the demo catalogue (idempotent: a rerun changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="demo", help="datagen scale: tiny, demo")
        parser.add_argument("--seed", type=int, default=2019)

    def handle(self, *args, scale="demo", seed=2019, **options):
        path = Path(settings.VAR_DIR) / f"demo-{scale}-{seed}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            for record in generate(scale, seed=seed):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        job = run_import(path, actor=SYSTEM, source="demo")
        self.stdout.write(f"demo catalogue: {job.total_records} records ({job.created} new, {job.updated} updated)")
        attached = 0
        for index, standard in enumerate(self._with_full_texts()):
            references = list(
                standard.relations_out.filter(kind=RelationKind.REFERENCES).values_list("target_identifier", flat=True)
            )
            languages = ["zh", "en"] if index % 3 == 0 and standard.title_en else ["zh"]
            for language in languages:
                if not standard.full_texts.filter(language=language).exists():
                    content = render_standard_pdf(standard, references=references, language=language)
                    attach_full_text(actor=SYSTEM, standard=standard, content=content, language=language)
                    attached += 1
            for sheet in standard.amendments.filter(file=""):  # the sheets come with the text
                attach_amendment_text(actor=SYSTEM, amendment=sheet, content=render_standard_pdf(
                    standard, references=[f"{standard.identifier}/XG{sheet.number}"]))
                attached += 1
        self.stdout.write(f"full texts attached: {attached}")

    @staticmethod
    def _with_full_texts() -> list[Standard]:
        national = Standard.objects.filter(tier=Tier.NATIONAL).order_by("id")
        mandatory = list(national.filter(nature=Nature.MANDATORY)[:MANDATORY_TEXTS])
        others = national.exclude(nature=Nature.MANDATORY).filter(title_en__gt="")
        return mandatory + list(others[: FULL_TEXTS - len(mandatory)])
