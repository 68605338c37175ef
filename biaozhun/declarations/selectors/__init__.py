"""Reads of the declarations app. Public: search.py (the disclosure search, shared by pages and the API) and
public.py (an enterprise's, a declaration's, a product's page)."""
