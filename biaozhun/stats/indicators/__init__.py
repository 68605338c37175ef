"""Each indicator's computation: a function registered under the indicator's code (registry.py), one module per
family. Every function takes a `Context` (the as-of date and the rows already read) and a dimension, and answers
{key: value}; "total" answers {"": value}. Nothing is typed in: every figure comes from the platform's records and
their dates, as they stood on the as-of date."""

from . import catalogue, development, international, work  # noqa: F401  (registers the functions)
from .registry import REGISTRY, Context, compute, indicator_codes

__all__ = ["REGISTRY", "Context", "compute", "indicator_codes"]
