"""Import catalogue records from JSONL, CSV or XLSX: validate everything, then write resumable batches."""

from .jobs import ImportRejected as ImportRejected
from .jobs import rejects_path as rejects_path
from .jobs import run_import as run_import
