"""Bulk declaration files through the API (registered on the router)."""
