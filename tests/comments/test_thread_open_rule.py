"""One rule, two spellings: Thread.objects.open() (the database) and Thread.is_open()
(a row in hand) must say the same for every combination of a thread's moments."""

import datetime as dt
import itertools

import pytest
from django.contrib.contenttypes.models import ContentType

from comments.models import Thread

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 25, 12, 0, tzinfo=dt.UTC)
SECOND, DAY = dt.timedelta(seconds=1), dt.timedelta(days=1)
# None, well before, just before, exactly now, just after, well after.
MOMENTS = [None, NOW - DAY, NOW - SECOND, NOW, NOW + SECOND, NOW + DAY]


def every_thread() -> list[Thread]:
    content_type = ContentType.objects.get_for_model(Thread)
    return Thread.objects.bulk_create(
        Thread(
            content_type=content_type,
            object_id=n,
            opens_at=opens_at,
            closes_at=closes_at,
            closed_at=closed_at,
        )
        for n, (opens_at, closes_at, closed_at) in enumerate(
            itertools.product(MOMENTS, MOMENTS, [None, NOW - DAY])
        )
    )


def test_queryset_and_row_agree_for_every_combination_of_moments():
    threads = every_thread()
    in_database = set(Thread.objects.open(now=NOW).values_list("object_id", flat=True))
    in_python = {thread.object_id for thread in threads if thread.is_open(now=NOW)}
    assert in_database == in_python
    # Not agreement by emptiness: some open, most not, the boundaries as written.
    assert 0 < len(in_python) < len(threads)
    at_the_edges = {
        (thread.opens_at, thread.closes_at): thread.is_open(now=NOW)
        for thread in threads
        if thread.closed_at is None
    }
    assert at_the_edges[(NOW, None)] is True  # opens at this very moment: open
    assert at_the_edges[(None, NOW)] is False  # closes at this very moment: closed
    assert at_the_edges[(NOW + SECOND, None)] is False
    assert at_the_edges[(None, NOW + SECOND)] is True


def test_a_closed_thread_is_never_open():
    closed = [thread for thread in every_thread() if thread.closed_at is not None]
    assert not any(thread.is_open(now=NOW) for thread in closed)
    assert not Thread.objects.open(now=NOW).filter(closed_at__isnull=False).exists()
