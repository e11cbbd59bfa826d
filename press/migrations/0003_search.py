# Full-text search index for the newsroom search (PressReleaseQuerySet.search).
#
# A functional GIN index over exactly the expression that
# press.models.release.search_document() compiles to, so that PostgreSQL can use it
# for `search_document @@ tsquery`. The SQL is written out here (a migration must not
# change when the code does later); tests/press/test_search.py runs it and checks with
# EXPLAIN that the planner uses it for the queryset's query. Change both together.
#
# PostgreSQL only: on SQLite the search falls back to icontains and there is nothing
# to index.

from django.db import migrations

INDEX_NAME = "press_release_search_idx"

CREATE_SQL = f"""
CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON press_pressrelease USING gin ((
    (((((setweight(to_tsvector('dutch'::regconfig, COALESCE(title_nl, '')), 'A')
    || setweight(to_tsvector('dutch'::regconfig, COALESCE(lead_nl, '')), 'B'))
    || setweight(to_tsvector('dutch'::regconfig, COALESCE(body_nl, '')), 'C'))
    || setweight(to_tsvector('english'::regconfig, COALESCE(title_en, '')), 'A'))
    || setweight(to_tsvector('english'::regconfig, COALESCE(lead_en, '')), 'B'))
    || setweight(to_tsvector('english'::regconfig, COALESCE(body_en, '')), 'C'))
))
"""

DROP_SQL = f"DROP INDEX IF EXISTS {INDEX_NAME}"


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_SQL)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):

    dependencies = [
        ("press", "0002_networks"),
    ]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
