"""ISO/IEC records: ISO Open Data and IEC files read into the catalogue (docs/decisions/0034-iso-iec-records.md)."""

from .convert import IEC_JSONL as IEC_JSONL
from .convert import ISO_CSV as ISO_CSV
from .convert import ISO_JSONL as ISO_JSONL
from .convert import LAYOUT_NAMES as LAYOUT_NAMES
from .importer import RecordsResult as RecordsResult
from .importer import default_rejects as default_rejects
from .importer import import_records as import_records
from .importer import layout_for as layout_for
