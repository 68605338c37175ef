"""Demo ISO/IEC records: a few dozen real ISO and IEC publications with their replaced editions (ISO 9001, 14001,
27001, 3166-1, IEC 60335-1, 60529, 61000-4-2 …), loaded through the importer from the files beside this module."""

from pathlib import Path

from biaozhun.core.actors import SYSTEM
from biaozhun.international.services.records import IEC_JSONL, ISO_JSONL, import_records

HERE = Path(__file__).parent
FILES = ((HERE / "records_iso.jsonl", ISO_JSONL), (HERE / "records_iec.jsonl", IEC_JSONL))


def load(stdout) -> str:
    """Import both files (idempotent: a second run changes nothing)."""
    created = updated = projects = 0
    for path, layout in FILES:
        result = import_records(path, actor=SYSTEM, layout=layout, source="demo")
        created += result.job.created
        updated += result.job.updated
        projects += result.projects
    return f"ISO/IEC records: {created} editions created, {updated} updated, {projects} projects left out"
