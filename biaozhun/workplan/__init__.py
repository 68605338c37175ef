"""The yearly standardization work plan (全国标准化工作要点) as tracked tasks (docs/decisions/0038)."""
