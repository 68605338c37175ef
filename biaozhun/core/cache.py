"""Django's database cache, with an increment that counts every call when several processes count at once.

Django's `incr` reads the value and writes it back (BaseCache.incr): two processes that read the same count both
write count + 1, and one increment is lost. The anonymous API limit counts requests that way, so with several web
processes more requests got through than the limit allows (tests/reliability/test_several_machines.py: 50 of 120
answered with a limit of 40). Here `incr` reads the row under a row lock (SELECT ... FOR UPDATE on PostgreSQL;
SQLite's IMMEDIATE transactions hold the write lock already) and writes the new value in the same transaction.

Selected by BIAOZHUN_CACHE=database (settings.CACHES).
"""

from __future__ import annotations

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction
from django.utils import timezone


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, value_column, key_column, expires = [quote(name) for name in (self._table, "value", "cache_key", "expires")]
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {value_column} FROM {table} WHERE {key_column} = %s AND {expires} >= %s{lock}",  # noqa: S608
                [key, now],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta  # noqa: S301 (our own cache table)
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            update = f"UPDATE {table} SET {value_column} = %s WHERE {key_column} = %s"  # noqa: S608 (quoted names)
            cursor.execute(update, [encoded, key])
        return value
