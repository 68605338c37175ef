"""Every write to standard systems and programme tags (services/systems.py, services/tags.py)."""
