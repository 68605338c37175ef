"""The filing pages: public lists and details (public.py), the authorities' and reviewers' work (work.py), batch
submission (batch.py), periodic review of filed standards (periodic.py)."""
