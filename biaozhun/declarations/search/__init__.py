"""Search over published declarations: tokens (pure), the index table of each database engine, and keeping it in
step with the writes (sync). docs/decisions/0020-declaration-search-at-scale.md."""
