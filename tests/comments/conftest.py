import time

import pytest
from django.contrib.auth import get_user_model

from comments.forms import issue_timestamp
from comments.models import Thread
from comments.services import ensure_thread


@pytest.fixture
def target(db, monkeypatch):
    """Any object can carry a thread; the comments app knows nothing of releases.

    The owner says whether it is public through its is_public() hook: here a user
    (no model of this app's own) that is public while it is active.
    """
    user_model = get_user_model()
    monkeypatch.setattr(user_model, "is_public", lambda self: self.is_active, raising=False)
    return user_model.objects.create_user(username="thread-target")


@pytest.fixture
def thread(target) -> Thread:
    return ensure_thread(target, closes_at=None)


def payload(thread: Thread, **overrides) -> dict:
    data = {
        "name": "Fatima",
        "email": "fatima@example.org",
        "body": "Goed plan!\nIk doe mee.",
        "website": "",
        "timestamp": issue_timestamp(thread.pk, issued_at=time.time() - 30),
    }
    return data | overrides
