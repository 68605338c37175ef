"""Adoption of international standards by Chinese ones (work-plan items 35–36): both ways on the standards' pages,
adoptions behind a newer ISO/IEC edition, candidates, and the adoption rate per field and overall (decision 0035).
The arithmetic is in biaozhun/rules/adoption.py; this package reads the catalogue for it."""
