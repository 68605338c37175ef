"""The declaration search index (docs/decisions/0020-declaration-search-at-scale.md): not a model, one table per
database engine, written and read by biaozhun/declarations/search/. Numbered 0100 so that the app's own
migrations (0002...) keep their numbers; the lead renumbers at merge."""

from django.db import migrations

SQLITE = [
    # Tokens are ours (search/tokens.py): split at spaces only; "_" stands inside a token for a symbol.
    "CREATE VIRTUAL TABLE declarations_search USING fts5(doc, tokenize = \"unicode61 remove_diacritics 0 "
    "tokenchars '_'\", columnsize = 0)",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS declarations_search"]
POSTGRESQL = [
    "CREATE TABLE declarations_search (declaration_id bigint PRIMARY KEY, doc tsvector NOT NULL)",
    "CREATE INDEX declarations_search_doc ON declarations_search USING gin (doc)",
]
POSTGRESQL_DROP = ["DROP TABLE IF EXISTS declarations_search"]
COMMON = [
    # A standard number's search reads these: newest first within (number, state), and counts without the rows.
    "CREATE INDEX declarations_decl_ident_state ON declarations_declaration (identifier, state)",
    "CREATE INDEX declarations_decl_undated_state ON declarations_declaration (undated, state)",
    # ...and with a region: a range of region codes within (number, state), sorted afterwards (a few thousand).
    "CREATE INDEX declarations_decl_ident_region ON declarations_declaration (identifier, state, region_code)",
    "CREATE INDEX declarations_decl_undated_region ON declarations_declaration (undated, state, region_code)",
    "CREATE TABLE declarations_search_state (id integer PRIMARY KEY, last_event_id bigint NOT NULL)",
    "INSERT INTO declarations_search_state (id, last_event_id) VALUES (1, 0)",
]
COMMON_DROP = ["DROP TABLE IF EXISTS declarations_search_state", "DROP INDEX IF EXISTS declarations_decl_ident_state",
               "DROP INDEX IF EXISTS declarations_decl_undated_state", "DROP INDEX IF EXISTS declarations_decl_ident_region",
               "DROP INDEX IF EXISTS declarations_decl_undated_region"]


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements[schema_editor.connection.vendor == "sqlite"]:
            schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):
    dependencies = [("declarations", "0003_seed_limits")]

    operations = [
        migrations.RunPython(_run({True: SQLITE + COMMON, False: POSTGRESQL + COMMON}),
                             _run({True: SQLITE_DROP + COMMON_DROP, False: POSTGRESQL_DROP + COMMON_DROP})),
    ]
