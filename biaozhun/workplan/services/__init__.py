"""Every write to the work plan: importing a year's text (plans.py) and a task's changes (tasks.py)."""
