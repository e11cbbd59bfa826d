# Two things the public pages read, made cheap at 2,000 releases and more:
#
# - An index of the public releases in the lists' order (status 'published', on
#   publish_at and id): the newsroom's page, its count and its years
#   (PressReleaseQuerySet.publication_years) read it instead of the table.
# - PostgreSQL only: the search document (press/0005) kept in the release's row
#   (STORAGE MAIN) instead of out of line in the TOAST table. A release's document is
#   3-4 kB, just over the size at which PostgreSQL moves a value out of the row, and a
#   search that matches most releases read it twice per release from there, a TOAST
#   index lookup each time. The bodies still move out first when a
#   row is too long; a document too long for any row still goes out of line.
#   Existing rows are rewritten (their document computed anew) to take the new place.

from django.db import migrations, models

COLUMN = "search_vector"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE press_pressrelease ALTER COLUMN {COLUMN} SET STORAGE MAIN"
        )
        # Setting a column the document is computed from computes it anew (SET
        # search_vector = DEFAULT would keep the old value where it is).
        schema_editor.execute("UPDATE press_pressrelease SET title_nl = title_nl")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE press_pressrelease ALTER COLUMN {COLUMN} SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0015_share_link_versions"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="pressrelease",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["publish_at", "id"],
                name="press_release_public_idx",
            ),
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
