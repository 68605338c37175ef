"""Personal information protection (PIPL): the privacy notice and consent to it, a person's copy of their data,
and deleting an account (comments and votes stay under a pseudonym).

notice.py         the versions of the privacy notice (texts in templates/privacy/, Chinese and English)
models.py         PrivacyConsent: who accepted which version, when, from which address (append-only)
consent.py        the service that records acceptance; the middleware that asks for the current version
personal_data.py  the registry other apps fill with their part of a person's data; export and deletion
views.py, urls.py /privacy/ (the notice, accepting it), the data download and account deletion pages
"""
