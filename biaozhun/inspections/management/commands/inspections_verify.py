"""Re-run a campaign's draw from its stored snapshots and revealed seed; exit 1 when anything differs."""

import sys

from django.core.management.base import BaseCommand, CommandError

from biaozhun.inspections import drawing
from biaozhun.inspections.models import Campaign


class Command(BaseCommand):
    help = "Verify a random inspection campaign's draw (commitment, snapshot digests, sample and assignment)."

    def add_arguments(self, parser):
        parser.add_argument("campaign", type=int, help="the campaign's id")

    def handle(self, *args, **options):
        campaign = Campaign.objects.filter(pk=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"no campaign {options['campaign']}")
        if not campaign.is_revealed:
            raise CommandError(f"campaign {campaign.pk} has not been drawn yet (state {campaign.state})")
        result = drawing.verify(campaign)
        for code, ok in result.checks:
            self.stdout.write(f"{code}: {'OK' if ok else 'MISMATCH'}")
        self.stdout.write(drawing.offline_command_text(campaign))
        if not result.matches:
            self.stderr.write(f"campaign {campaign.pk}: the draw does not verify ({', '.join(result.problems)})")
            sys.exit(1)
        self.stdout.write(f"campaign {campaign.pk}: OK, {len(drawing.stored_sample(campaign))} items verified")
