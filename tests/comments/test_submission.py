"""One form sent twice is one reaction: a double click, or nginx passing a POST on to
another app server after the first one died mid-request (deploy/nginx), must not
double a citizen's reaction."""

import pytest
from django.urls import reverse

from comments.models import Comment
from tests.comments.conftest import payload

pytestmark = pytest.mark.django_db


def post(client, thread, data):
    return client.post(reverse("comments:post", kwargs={"thread_id": thread.pk}), data)


def test_the_same_form_sent_twice_stores_one_reaction_and_answers_alike(client, thread):
    data = payload(thread)
    first = post(client, thread, data)
    second = post(client, thread, data)
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert Comment.objects.count() == 1


def test_the_same_form_with_other_text_is_another_reaction(client, thread):
    data = payload(thread)
    post(client, thread, data)
    post(client, thread, data | {"body": "En nog iets anders."})
    assert sorted(Comment.objects.values_list("body", flat=True)) == [
        "En nog iets anders.",
        "Goed plan!\nIk doe mee.",
    ]


def test_two_forms_with_the_same_text_are_two_reactions(client, thread):
    # Each page view hands out its own form (its own signed timestamp).
    first, second = payload(thread), payload(thread)
    assert first["timestamp"] != second["timestamp"]
    post(client, thread, first)
    post(client, thread, second)
    assert Comment.objects.count() == 2
