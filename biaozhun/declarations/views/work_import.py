"""Bulk declaration by file (XLSX or JSONL): the upload page, a run's result and the template download."""

urlpatterns: list = []
