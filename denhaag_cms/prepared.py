"""Querysets whose SQL is built once per process, for the hottest public lookups.

Turning a queryset into SQL costs Python 1–2 ms (resolving filters and joins,
compiling expressions), ten times what the database needs to find one row by an
index. An uncached article runs two such lookups (the release at an address, its
comment thread), so building their SQL was most of its cost (issue 12).

`PreparedQuery(build)` calls `build(**values)` once per process, key and database
with stand-ins for the values, keeps the SQL, and from then on only executes it with
the real values and turns the rows into model instances the way the ORM does
(converters, annotations). The queryset stays the one place that says what is
fetched: the SQL is Django's own, from `build`.

`build` must give SQL of the same shape for every value (no branching on a value;
`[:n]` is fine) and may use each value only as a query parameter; a value that ends
up anywhere else (or not at all) is refused when the SQL is first built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet

# Stand-ins: values no real lookup uses, each recognisable among the parameters.
_STAND_IN_MOMENT = dt.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=dt.UTC)


def _stand_in(name: str, value: Any, number: int) -> Any:
    if isinstance(value, bool):
        raise TypeError(f"{name}: booleans are not prepared (use the key)")
    if isinstance(value, int):
        return 1_987_654_321 + number  # in range of every integer field
    if isinstance(value, str):
        return f"\ue000prepared:{name}\ue000"
    if isinstance(value, dt.datetime):
        return _STAND_IN_MOMENT + dt.timedelta(days=number)
    raise TypeError(f"{name}: {type(value).__name__} values are not prepared")


class _Compiled:
    def __init__(self, queryset: QuerySet, slots: list[tuple[int, str, Callable]]) -> None:
        self.compiler = compiler = queryset.query.get_compiler(using=queryset.db)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        self.db = queryset.db
        self.model = queryset.model
        klass_info = compiler.klass_info
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.names = [f[0].target.attname for f in compiler.select[self.start : self.end]]
        self.annotations = list(compiler.annotation_col_map.items())
        self.converters = compiler.get_converters([s[0] for s in compiler.select])
        self.slots = slots


class PreparedQuery:
    def __init__(self, build: Callable[..., QuerySet]) -> None:
        self.build = build
        self._compiled: dict[tuple, _Compiled] = {}

    def _compile(self, key: tuple, values: dict[str, Any]) -> _Compiled:
        stand_ins = {
            name: _stand_in(name, value, number)
            for number, (name, value) in enumerate(sorted(values.items()))
        }
        queryset = self.build(*key, **stand_ins)
        connection = connections[queryset.db]
        compiler = queryset.query.get_compiler(using=queryset.db)
        _sql, params = compiler.as_sql()
        slots = []
        for name, stand_in in stand_ins.items():
            # How Django passes such a value to the database (a moment: as the
            # backend stores it, e.g. text on SQLite).
            if isinstance(stand_in, dt.datetime):
                adapt = connection.ops.adapt_datetimefield_value
            else:
                adapt = _same
            found = [i for i, p in enumerate(params) if p == adapt(stand_in)]
            if not found:
                raise ValueError(f"{name} is not a parameter of the prepared query")
            slots.extend((i, name, adapt) for i in found)
        taken = {index for index, _name, _adapt in slots}
        if any(
            isinstance(p, str) and "\ue000prepared:" in p
            for i, p in enumerate(params)
            if i not in taken
        ):
            raise ValueError("a prepared value ended up inside another parameter")
        return _Compiled(queryset, slots)

    def __call__(self, *key: Any, **values: Any) -> list[Model]:
        """The rows for `values`, as `list(build(*key, **values))` would give them."""
        cache_key = (key, tuple(sorted(values)))
        compiled = self._compiled.get(cache_key)
        if compiled is None:
            compiled = self._compiled[cache_key] = self._compile(key, values)
        params = list(compiled.params)
        for index, name, adapt in compiled.slots:
            params[index] = adapt(values[name])
        with connections[compiled.db].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        result = []
        for row in rows:
            obj = compiled.model.from_db(
                compiled.db, compiled.names, row[compiled.start : compiled.end]
            )
            for name, position in compiled.annotations:
                setattr(obj, name, row[position])
            result.append(obj)
        return result


def _same(value: Any) -> Any:
    return value
