"""A consumer that reads the newsroom through the API alone rebuilds the seed release
(the demo article) word for word."""

import json
import re

import pytest
from django.core.management import call_command

from tests.api.consumer import find_release, release_text
from tests.press.test_seed_verbatim import SEED

pytestmark = pytest.mark.django_db


def normalize(text: str) -> str:
    """Lines as paragraphs, runs of spaces as one (the seed has a double space)."""
    return "\n".join(
        re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()
    )


def test_the_seed_release_rebuilt_from_the_api_alone(client):
    call_command("loaddemo", verbosity=0)

    def get(url: str) -> tuple[int, dict]:
        response = client.get(url)
        return response.status_code, json.loads(response.content)

    release = find_release(get, "http://testserver/api/v1", "Resilient Cities Rockefeller")
    assert normalize(release_text(release)) == normalize(SEED.read_text(encoding="utf-8"))
    # The English text is there too, with its quotation and speaker apart.
    english = release["texts"]["en"]
    assert english["title"] == "The Hague joins 100 Resilient Cities network"
    assert [q["speaker"] for q in english["quotes"]] != [None]
