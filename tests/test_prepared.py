"""PreparedQuery: the SQL of a queryset built once per process, the rows the same as the
ORM's (denhaag_cms/prepared.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from comments.models import Comment, Thread
from denhaag_cms.prepared import PreparedQuery
from press.models import PressRelease
from press.services import sync_comment_thread
from tests.conftest import make_release

pytestmark = pytest.mark.django_db

AT_ADDRESS = PreparedQuery(
    lambda code, slug, now: PressRelease.objects.public_or_gone(now).at_address(code, slug)[:2]
)


def test_the_same_rows_as_the_queryset_with_sql_built_once():
    first = make_release("Storm op komst")
    second = make_release("Dijken versterkt")
    now = timezone.now()
    for release in (first, second):
        found = AT_ADDRESS("nl", slug=release.slug_nl, now=now)
        assert found == list(
            PressRelease.objects.public_or_gone(now).at_address("nl", release.slug_nl)
        )
        assert found[0].title_nl == release.title_nl
        assert found[0].parts_html == release.parts_html  # converters applied (JSON)
    assert AT_ADDRESS("nl", slug="bestaat-niet", now=now) == []
    assert len(AT_ADDRESS._compiled) == 1


def test_a_moment_is_a_parameter_too():
    release = make_release(publish_at=timezone.now() + dt.timedelta(hours=1))
    now = timezone.now()
    assert AT_ADDRESS("nl", slug=release.slug_nl, now=now) == []
    later = now + dt.timedelta(hours=2)
    assert AT_ADDRESS("nl", slug=release.slug_nl, now=later) == [release]


def test_annotations_come_with_the_instances():
    release = make_release()
    sync_comment_thread(release)
    thread = Thread.objects.for_object(release).get()
    Comment.objects.create(thread=thread, name="A", body="x", status="approved")
    Comment.objects.create(thread=thread, name="B", body="y", status="pending")
    query = PreparedQuery(
        lambda thread_id: Thread.objects.filter(pk=thread_id).with_approved_count()
    )
    (found,) = query(thread_id=thread.pk)
    assert found == thread
    assert found.approved_count == 1


def test_a_value_that_is_no_parameter_is_refused():
    query = PreparedQuery(lambda slug: PressRelease.objects.all())
    with pytest.raises(ValueError, match="slug is not a parameter"):
        query(slug="storm")
