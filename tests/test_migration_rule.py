"""Migrations that are safe in a rolling deploy (docs/operations.md, "Migrations"):
the new schema is applied while the old code still serves, so a column the old code
does not know must not stop it from inserting rows."""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import AddField
from django.db.models import NOT_PROVIDED
from django.utils import timezone

from comments.services import ensure_thread

# Added before the rule was written down; each was applied with every app server
# stopped. Nothing may join this list.
BEFORE_THE_RULE = {
    ("comments", "0002_thread_opens_at", "schedule_set_by_moderator"),
    ("comments", "0004_thread_first_page_html", "first_page_html"),
    ("press", "0007_uploads_random_names_and_sniffed_types", "content_type"),
    ("press", "0007_uploads_random_names_and_sniffed_types", "filename"),
    ("press", "0009_release_parts_html", "parts_html"),
    ("press", "0010_hero_renditions", "hero_rendered"),
}
OUR_APPS = {"press", "comments", "alerts", "denhaag_cms"}


def test_every_added_column_is_nullable_or_has_a_database_default():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    unsafe = [
        (app, name, operation.name)
        for (app, name), migration in loader.disk_migrations.items()
        if app in OUR_APPS
        for operation in migration.operations
        if isinstance(operation, AddField)
        and not operation.field.null
        and operation.field.db_default is NOT_PROVIDED
        and (app, name, operation.name) not in BEFORE_THE_RULE
    ]
    assert unsafe == [], "an added NOT NULL column needs db_default (or null=True)"


@pytest.mark.django_db
def test_the_code_before_a_migration_still_posts_a_reaction_after_it(django_user_model):
    """The reaction model as the code before the submission column knew it inserts
    into today's schema: what the old app servers do while a deploy is under way."""
    state = MigrationLoader(connection).project_state(
        ("comments", "0006_remove_thread_first_page_html")
    )
    old_comment = state.apps.get_model("comments", "Comment")
    assert "submission" not in {field.name for field in old_comment._meta.fields}
    thread = ensure_thread(django_user_model.objects.create_user("owner"), closes_at=None)
    old_comment.objects.create(
        thread_id=thread.pk, name="Ans", body="Mooi.", submitted_at=timezone.now()
    )
    assert thread.comments.get().submission == ""
