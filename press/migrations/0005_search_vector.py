# The newsroom search reads a stored tsvector column instead of computing the
# document at query time: ranking every match (e.g. a common word in 2,000 releases)
# then no longer re-parses all titles, leads and bodies.
#
# PostgreSQL only, and invisible to the ORM: a GENERATED ... STORED column (the
# database keeps it up to date on every insert and update, also bulk ones) with the
# GIN index of 0003 moved onto it. press.search.stored_search_document() reads it by name.
# On SQLite there is no column; the search falls back to icontains.

from django.db import migrations

INDEX_NAME = "press_release_search_idx"
COLUMN = "search_vector"

# The document of 0003_search: title (A), lead (B), body (C); Dutch fields with the
# `dutch` configuration, English ones with `english`.
DOCUMENT = """
    setweight(to_tsvector('dutch'::regconfig, COALESCE(title_nl, '')), 'A')
    || setweight(to_tsvector('dutch'::regconfig, COALESCE(lead_nl, '')), 'B')
    || setweight(to_tsvector('dutch'::regconfig, COALESCE(body_nl, '')), 'C')
    || setweight(to_tsvector('english'::regconfig, COALESCE(title_en, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, COALESCE(lead_en, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, COALESCE(body_en, '')), 'C')
"""

FORWARD = [
    f"DROP INDEX IF EXISTS {INDEX_NAME}",
    f"ALTER TABLE press_pressrelease ADD COLUMN {COLUMN} tsvector "
    f"GENERATED ALWAYS AS ({DOCUMENT}) STORED",
    f"CREATE INDEX {INDEX_NAME} ON press_pressrelease USING gin ({COLUMN})",
]
BACKWARD = [
    f"DROP INDEX IF EXISTS {INDEX_NAME}",
    f"ALTER TABLE press_pressrelease DROP COLUMN IF EXISTS {COLUMN}",
    f"CREATE INDEX {INDEX_NAME} ON press_pressrelease USING gin (({DOCUMENT}))",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("press", "0004_hero_dimensions"),
    ]

    operations = [
        migrations.RunPython(forward, backward, elidable=False),
    ]
