"""Backup and restore of a site: its database and stored files in one archive that restore verifies.

    manage.py backup DIRECTORY        writes DIRECTORY/biaozhun-<UTC time>.tar while the site runs
    manage.py restore ARCHIVE         puts it back, checks every table and file, rebuilds the search index

archive.py: the archive and its manifest; engines.py: the database per engine (SQLite online backup API,
PostgreSQL pg_dump/pg_restore); checksums.py: per-table checksums that are the same on both engines; files.py:
the file-system storages. docs/deployment.md "Backup and restore" is the operator's guide.
"""
