"""One release could take over another's English address.

A Dutch-only release answers in English at its Dutch slug (PressRelease.slug_for).
clean() checked `slug_en` against other releases' `slug_en` only, so a release whose
English slug equalled a Dutch-only release's Dutch slug took over that English page
once published. Addresses are now unique per language *including* that fall-back, in
clean() and as a unique index on "own slug, else the Dutch one".
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from press.models import PressRelease
from press.workflow import change_status
from tests.conftest import make_release
from tests.press.test_admin import ADD_URL, form_data
from tests.press.test_sitemap import BASE, sitemap

pytestmark = pytest.mark.django_db


def english_url(slug: str) -> str:
    with translation.override("en"):
        return reverse("press:release-detail", kwargs={"slug": slug})


@pytest.fixture
def dutch_only():
    """A published release without English: its English address is its Dutch slug."""
    return make_release("Zandmotor groeit", slug_nl="zandmotor", english=False)


def test_english_slug_equal_to_a_dutch_only_release_s_dutch_slug_is_refused(dutch_only):
    other = PressRelease(
        title_nl="Iets anders", slug_nl="iets-anders", title_en="Sand engine", slug_en="zandmotor"
    )
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            other.clean()
        assert refused.value.message_dict == {
            "slug_en": ["Another press release already uses this address."]
        }


def test_dutch_only_release_cannot_take_an_english_address_in_use(dutch_only):
    english = make_release("Kust", slug_nl="kust", slug_en="coast")
    newcomer = PressRelease(title_nl="Coast", slug_nl="coast")  # no English: /en/…/coast/
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            newcomer.clean()
        [message] = refused.value.message_dict["slug_nl"]
    assert "no address of its own in English" in message
    # Once it has an English address of its own, its Dutch slug is free to use.
    newcomer.title_en, newcomer.slug_en = "Coast, again", "coast-again"
    newcomer.clean()
    assert english.slug_for("en") == "coast"


def test_the_database_refuses_it_too(dutch_only):
    """Where clean() is not called (a script, a bulk load), the unique index holds."""
    with pytest.raises(IntegrityError), transaction.atomic():
        make_release("Iets anders", slug_nl="iets-anders", title_en="X", slug_en="zandmotor")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_release("Dubbel", slug_nl="zandmotor", english=False)
    english = make_release("Kust", slug_nl="kust", slug_en="coast")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_release("Coast", slug_nl="coast", english=False)
    # Two releases without English slugs and different Dutch ones are fine.
    make_release("Nog een", slug_nl="nog-een", english=False)
    assert PressRelease.objects.count() == 3
    assert english.slug_for("en") == "coast"


def test_takeover_through_the_admin_is_refused_and_nothing_changes(
    client, chief_editor, dutch_only
):
    client.force_login(chief_editor)
    data = form_data(
        title_nl="Andere titel",
        slug_nl="andere-titel",
        title_en="Sand engine",
        slug_en="zandmotor",
        lead_en="Lead.",
        body_en="<p>Text.</p>",
        status="published",
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["slug_en"] == ["Een ander persbericht gebruikt dit adres al."]
    assert "Een ander persbericht gebruikt dit adres al." in response.content.decode()
    assert PressRelease.objects.count() == 1

    # The editor picks another address; both releases keep their own English page.
    response = client.post(ADD_URL, data | {"slug_en": "sand-engine"})
    assert response.status_code == 302
    newcomer = PressRelease.objects.get(slug_nl="andere-titel")
    page = client.get(english_url("zandmotor"))
    assert page.status_code == 200
    assert page.context["release"] == dutch_only
    urls = sitemap(client)  # fails on an address listed twice
    assert BASE + dutch_only.get_absolute_url("nl") in urls
    # A Dutch-only release's English address is not listed (it is not translated).
    assert BASE + english_url("zandmotor") not in urls
    assert urls[BASE + english_url("sand-engine")]["alternates"]["nl"] == (
        BASE + newcomer.get_absolute_url("nl")
    )

    # Withdrawing the newcomer answers 410 at its address only.
    change_status(
        newcomer,
        PressRelease.Status.WITHDRAWN,
        user=chief_editor,
        explanation={"nl": "Dit bericht bevatte een fout."},
    )
    assert client.get(english_url("sand-engine")).status_code == 410
    page = client.get(english_url("zandmotor"))
    assert page.status_code == 200
    assert "Zandmotor groeit" in page.content.decode()
    assert BASE + dutch_only.get_absolute_url("nl") in sitemap(client)
