"""The work plan's pages: the plan and its supervision (plans.py), a task and its forms (tasks.py)."""
