import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from comments.models import Comment, Thread
from comments.services import (
    ThreadClosed,
    close_thread,
    ensure_thread,
    ip_hash,
    post_comment,
    reopen_thread,
)

pytestmark = pytest.mark.django_db


def post(thread, body="Hallo"):
    return post_comment(
        thread_id=thread.pk, name="Jan", email="jan@example.org", body=body, ip_address="1.2.3.4"
    )


def test_open_is_a_query_not_a_job(target):
    thread = ensure_thread(target, closes_at=timezone.now() + dt.timedelta(minutes=5))
    assert thread in Thread.objects.open()
    Thread.objects.filter(pk=thread.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    assert thread not in Thread.objects.open()


def test_closed_thread_refuses_in_the_service(thread, moderator):
    close_thread(thread, user=moderator, reason="Klaar")
    with pytest.raises(ThreadClosed):
        post(thread)
    assert not Comment.objects.exists()
    thread.refresh_from_db()
    assert thread.closed_by == moderator and thread.close_reason == "Klaar"


def test_reopen_accepts_reactions_again(thread, moderator):
    close_thread(thread, user=moderator)
    reopen_thread(thread, user=moderator)
    assert post(thread).pk


def test_reopen_of_a_thread_past_its_closing_moment_gives_a_new_one(target, moderator, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 14
    thread = ensure_thread(target, closes_at=timezone.now() - dt.timedelta(days=1))
    before = timezone.now()
    reopen_thread(thread, user=moderator)
    thread.refresh_from_db()
    assert thread.is_open()
    # Never silently open for ever: a fresh period from now.
    assert thread.closes_at is not None
    assert before + dt.timedelta(days=14) <= thread.closes_at
    assert thread.closes_at <= timezone.now() + dt.timedelta(days=14)


def test_reopen_keeps_an_automatic_closing_moment_still_ahead(target, moderator):
    closes_at = timezone.now() + dt.timedelta(days=5)
    thread = ensure_thread(target, closes_at=closes_at)
    close_thread(thread, user=moderator)
    reopen_thread(thread, user=moderator)
    thread.refresh_from_db()
    assert thread.is_open() and thread.closes_at == closes_at


def test_reopen_with_a_moment_takes_it(target, moderator):
    thread = ensure_thread(target, closes_at=timezone.now() + dt.timedelta(days=5))
    close_thread(thread, user=moderator)
    later = timezone.now() + dt.timedelta(days=30)
    reopen_thread(thread, user=moderator, closes_at=later)
    thread.refresh_from_db()
    assert thread.closes_at == later


def test_ensure_thread_is_one_per_object_and_follows_the_owner(target):
    first = ensure_thread(target, closes_at=None)
    later = timezone.now() + dt.timedelta(days=3)
    second = ensure_thread(target, closes_at=later)
    assert first.pk == second.pk
    assert Thread.objects.get(pk=first.pk).closes_at == later


def test_ensure_thread_keeps_a_moderators_close(target, moderator):
    thread = ensure_thread(target, closes_at=None)
    close_thread(thread, user=moderator)
    ensure_thread(target, closes_at=timezone.now() + dt.timedelta(days=3))
    assert not Thread.objects.get(pk=thread.pk).is_open()


def test_purge_erases_personal_data_after_retention_and_is_idempotent(thread, settings):
    settings.COMMENTS_RETENTION_DAYS = 30
    old = post(thread, "Oud")
    Comment.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - dt.timedelta(days=31))
    new = post(thread, "Nieuw")
    call_command("purge_comment_personal_data", verbosity=0)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.email == "" and old.ip_hash == ""
    assert old.body == "Oud"  # the reaction itself stays
    assert new.email == "jan@example.org" and new.ip_hash
    call_command("purge_comment_personal_data", verbosity=0)
    new.refresh_from_db()
    assert new.email == "jan@example.org"


def test_ip_hash_keeps_its_algorithm_across_django_versions():
    # HMAC-SHA1 (40 hex digits), as stored so far; Django 2028 changes salted_hmac's
    # default to SHA256, which would make new hashes incomparable with stored ones.
    assert len(ip_hash("1.2.3.4")) == 40
    assert ip_hash("1.2.3.4") == ip_hash("1.2.3.4") != ip_hash("1.2.3.5")


def test_owner_does_not_undo_a_moderators_reopen(target):
    thread = ensure_thread(target, closes_at=timezone.now() - dt.timedelta(days=1))
    reopen_thread(thread, user=None)
    ensure_thread(target, closes_at=timezone.now() - dt.timedelta(days=1))  # owner re-saves
    assert Thread.objects.get(pk=thread.pk).is_open()


def test_purge_deletes_never_public_reactions_after_retention(thread, settings):
    settings.COMMENTS_RETENTION_DAYS = 30
    long_ago = timezone.now() - dt.timedelta(days=31)
    rejected = Comment.objects.create(thread=thread, name="a", body="x", status="rejected")
    removed = Comment.objects.create(thread=thread, name="b", body="y", status="removed")
    approved = Comment.objects.create(thread=thread, name="c", body="z", status="approved")
    recent = Comment.objects.create(thread=thread, name="d", body="w", status="rejected")
    Comment.objects.filter(pk__in=[rejected.pk, removed.pk, approved.pk]).update(
        submitted_at=long_ago
    )
    call_command("purge_comment_personal_data", verbosity=0)
    assert set(Comment.objects.values_list("pk", flat=True)) == {approved.pk, recent.pk}


def test_open_queryset_and_is_open_agree_in_every_state(django_user_model, moderator):
    """Thread.objects.open() and Thread.is_open() say the same for every kind of thread."""
    now = timezone.now()

    def thread(name: str, **schedule) -> Thread:
        owner = django_user_model.objects.create_user(username=name)
        return ensure_thread(owner, **({"closes_at": None} | schedule))

    open_now = thread("open", closes_at=now + dt.timedelta(days=1))
    without_end = thread("without-end")
    closed = thread("closed")
    close_thread(closed, user=moderator)
    not_yet = thread("not-yet", opens_at=now + dt.timedelta(days=1))
    past = thread("past", closes_at=now - dt.timedelta(seconds=1))
    everything = [open_now, without_end, closed, not_yet, past]
    assert set(Thread.objects.open()) == {open_now, without_end}
    for one in everything:
        assert Thread.objects.get(pk=one.pk).is_open() == (one in {open_now, without_end})
