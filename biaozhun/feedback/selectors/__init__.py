"""Reads of feedback that pages and the API share: items and queues (items.py), what is public about a standard
(public.py), statistics (statistics.py)."""
