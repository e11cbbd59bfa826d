"""Embargoed share links: a release read before it is public, without an account."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from press import sharelinks, workflow
from press.models import PressRelease, ShareLink
from press.roles import CHIEF_EDITORS, EDITORS
from tests.conftest import make_attachment, make_release, make_user
from tests.htmltree import attr, find, find_all, text
from tests.press.conftest import url

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self) -> None:
        self.now = None

    def move_to(self, moment: dt.datetime, tick: bool = False) -> None:
        self.now = moment


@pytest.fixture
def time_machine(monkeypatch):
    """Set the clock: timezone.now() is what every expiry and publication rule reads."""
    clock = Clock()
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: clock.now or real_now())
    return clock


Status = PressRelease.Status


def scheduled(**extra) -> PressRelease:
    return make_release(
        status=Status.PUBLISHED, publish_at=timezone.now() + dt.timedelta(days=2), **extra
    )


def sharer():
    """A chief editor (who may share any release that is not public yet)."""
    user_model = get_user_model()
    return user_model.objects.filter(username="sharer").first() or make_user(
        user_model, "sharer", CHIEF_EDITORS
    )


def share(release, language="both", expires_at=None, user=None, version=None):
    return sharelinks.create_share_link(
        release,
        label="NOS, Jan Jansen",
        language=language,
        expires_at=expires_at or sharelinks.default_expiry(release),
        user=user or sharer(),
        version=version,
    )


def embargo_url(token: str, code: str = "nl") -> str:
    return url("embargo", code, token=token)


# -- opening ---------------------------------------------------------------------------


def test_a_link_shows_the_release_with_the_embargo_banner(client):
    release = scheduled(title_nl="Nieuw stadhuis")
    _link, token = share(release)
    response = client.get(embargo_url(token))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nieuw stadhuis" in body
    assert "Onder embargo tot" in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-store"
    assertInHTML('<meta name="robots" content="noindex">', body, count=1)
    # The English page, English banner.
    response = client.get(embargo_url(token, "en"))
    assert response.status_code == 200
    assert "Embargoed until" in response.content.decode()


def test_the_banner_names_the_moment_in_amsterdam_time(client, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC), tick=False)
    moment = dt.datetime(2026, 12, 1, 5, 0, tzinfo=dt.UTC)  # 06:00 in Amsterdam
    release = make_release(status=Status.PUBLISHED, publish_at=moment)
    _link, token = share(release)
    body = client.get(embargo_url(token)).content.decode()
    assert "Onder embargo tot dinsdag 1 december 2026, 06:00" in body


def test_no_comment_form_on_the_embargo_page(client):
    release = scheduled(comments_enabled=True)
    _link, token = share(release)
    body = client.get(embargo_url(token)).content.decode()
    assert 'name="body"' not in body and "comment-form" not in body


def test_a_link_only_opens_in_its_language(client):
    release = scheduled()
    _link, token = share(release, language="nl")
    assert client.get(embargo_url(token, "nl")).status_code == 200
    response = client.get(embargo_url(token, "en"))
    assert response.status_code == 404


def test_unknown_token_is_404_in_the_page_language(client):
    response = client.get(embargo_url("nothing-like-a-token"))
    assert response.status_code == 404
    response_en = client.get(embargo_url("nothing-like-a-token", "en"))
    assert response_en.status_code == 404
    assert 'lang="en"' in response_en.content.decode()


def test_no_link_exists_unless_someone_made_one(client):
    scheduled()
    assert ShareLink.objects.count() == 0


def test_a_token_for_release_a_never_opens_b(client):
    a = scheduled(title_nl="Release A")
    b = scheduled(title_nl="Release B")
    _link, token = share(a)
    body = client.get(embargo_url(token)).content.decode()
    assert "Release A" in body and "Release B" not in body
    # B's own link opens B only; revoking A's link leaves B's working.
    link_b, token_b = share(b)
    body = client.get(embargo_url(token_b)).content.decode()
    assert "Release B" in body and "Release A" not in body
    sharelinks.revoke(ShareLink.objects.get(release=a))
    assert client.get(embargo_url(token)).status_code == 404
    assert client.get(embargo_url(token_b)).status_code == 200


def test_only_the_hash_is_stored():
    release = scheduled()
    link, token = share(release)
    assert link.token_hash == sharelinks.token_hash(token) != token
    assert len(token) >= 43
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM press_sharelink")
        rows = cursor.fetchall()
    assert rows and all(token not in str(value) for row in rows for value in row)


# -- expiry and revocation -------------------------------------------------------------


def test_before_at_and_after_expiry(client, time_machine):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    release = make_release(status=Status.DRAFT)
    expires = start + dt.timedelta(days=3)
    _link, token = share(release, expires_at=expires)
    time_machine.move_to(expires - dt.timedelta(seconds=1), tick=False)
    assert client.get(embargo_url(token)).status_code == 200
    time_machine.move_to(expires, tick=False)
    assert client.get(embargo_url(token)).status_code == 404
    time_machine.move_to(expires + dt.timedelta(days=1), tick=False)
    assert client.get(embargo_url(token)).status_code == 404


def test_revoked_link_answers_404(client):
    link, token = share(scheduled())
    assert client.get(embargo_url(token)).status_code == 200
    sharelinks.revoke(link)
    response = client.get(embargo_url(token))
    assert response.status_code == 404
    assert "Onder embargo" not in response.content.decode()


def test_revoked_link_is_404_with_the_page_cache_on(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    link, token = share(scheduled(title_nl="Geheim bericht"))
    first = client.get(embargo_url(token))
    assert first.status_code == 200 and "Geheim bericht" in first.content.decode()
    assert "X-Page-Cache" not in first
    sharelinks.revoke(link)
    second = client.get(embargo_url(token))
    assert second.status_code == 404
    assert "Geheim bericht" not in second.content.decode()


def test_once_public_the_link_redirects_and_does_not_count(client, time_machine):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    release = make_release(status=Status.PUBLISHED, publish_at=start + dt.timedelta(hours=1))
    link, token = share(release)  # expires at the moment of publication
    assert link.expires_at == release.publish_at
    time_machine.move_to(start + dt.timedelta(hours=1), tick=False)
    for code in ("nl", "en"):
        response = client.get(embargo_url(token, code))
        assert response.status_code == 302
        assert response["Location"] == release.get_absolute_url(code)
    public = client.get(response["Location"])
    assert public.status_code == 200 and "embargo-banner" not in public.content.decode()
    link.refresh_from_db()
    assert link.open_count == 0
    # A revoked link leads nowhere, not even to the public page.
    sharelinks.revoke(link)
    assert client.get(embargo_url(token)).status_code == 404


def test_a_withdrawn_release_is_404(client):
    release = scheduled()
    _link, token = share(release)
    release.status = Status.WITHDRAWN
    release.save()
    assert client.get(embargo_url(token)).status_code == 404


def test_openings_are_counted(client):
    link, token = share(scheduled())
    client.get(embargo_url(token))
    client.get(embargo_url(token, "en"))
    link.refresh_from_db()
    assert link.open_count == 2
    assert link.last_opened_at is not None


def test_default_expiry(settings):
    settings.SHARE_LINK_DEFAULT_DAYS = 7
    settings.SHARE_LINK_MAX_DAYS = 14
    now = timezone.now()
    release = make_release(status=Status.PUBLISHED, publish_at=now + dt.timedelta(days=2))
    assert sharelinks.default_expiry(release, now) == release.publish_at
    far = make_release(status=Status.PUBLISHED, publish_at=now + dt.timedelta(days=60))
    assert sharelinks.default_expiry(far, now) == now + dt.timedelta(days=14)
    draft = make_release(status=Status.DRAFT)
    assert sharelinks.default_expiry(draft, now) == now + dt.timedelta(days=7)


# -- never in the sitemap, feeds or search ---------------------------------------------


def test_never_in_sitemap_feeds_or_search(client):
    release = scheduled(title_nl="Geheim bericht")
    share(release)
    for address in ["/sitemap.xml", url("feed-rss", "nl"), url("newsroom", "nl")]:
        response = client.get(address, {"q": "Geheim"} if "rss" not in address else None)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Geheim bericht" not in body and "embargo" not in body


# -- the admin: who may make links ---------------------------------------------------


def admin_url(release) -> str:
    return reverse("admin:press_pressrelease_sharelinks", args=[release.pk])


def make_link_as(client, user, release):
    client.force_login(user)
    expires = timezone.localtime(timezone.now() + dt.timedelta(days=1))
    return client.post(
        admin_url(release),
        {
            "label": "NOS",
            "language": "both",
            "expires_at": expires.strftime("%Y-%m-%dT%H:%M"),
        },
    )


@pytest.mark.parametrize(
    "who, whose, status, allowed",
    [
        ("editor", "own", Status.DRAFT, True),
        ("editor", "own", Status.REVIEW, True),
        ("editor", "other", Status.DRAFT, False),
        ("editor", "own", "public", False),
        ("chief", "other", Status.DRAFT, True),
        ("chief", "other", "scheduled", True),
        ("chief", "other", "public", False),
        ("moderator", "other", Status.DRAFT, False),
    ],
)
def test_permission_matrix(client, editor, chief_editor, moderator, who, whose, status, allowed):
    user = {"editor": editor, "chief": chief_editor, "moderator": moderator}[who]
    owner = user if whose == "own" else make_user(type(user), "someone", None)
    if status == "public":
        release = make_release(status=Status.PUBLISHED)
    elif status == "scheduled":
        release = scheduled()
    else:
        release = make_release(status=status)
    release.created_by = owner
    release.save()
    response = make_link_as(client, user, release)
    if allowed:
        assert response.status_code == 200
        link = ShareLink.objects.get()
        body = response.content.decode()
        assert "/nl/embargo/" in body and "/en/embargo/" in body
        assert "maar één keer" in body
        assert link.created_by == user and link.release == release
        # The address is shown once: the page again does not show it.
        again = client.get(admin_url(release)).content.decode()
        assert "/nl/embargo/" not in again and "NOS" in again
    else:
        assert response.status_code in (403, 404)
        assert ShareLink.objects.count() == 0


def test_anonymous_cannot_reach_the_admin_page(client):
    release = scheduled()
    response = client.post(admin_url(release), {"label": "x", "language": "both"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert ShareLink.objects.count() == 0


def test_revoke_from_the_admin(client, chief_editor):
    release = scheduled()
    link, token = share(release)
    client.force_login(chief_editor)
    response = client.post(admin_url(release), {"revoke": link.pk})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    client.logout()
    assert client.get(embargo_url(token)).status_code == 404


def test_a_link_cannot_be_longer_than_the_maximum(client, chief_editor, settings):
    settings.SHARE_LINK_MAX_DAYS = 14
    release = scheduled()
    client.force_login(chief_editor)
    too_late = timezone.localtime(timezone.now() + dt.timedelta(days=15))
    response = client.post(
        admin_url(release),
        {"label": "NOS", "language": "both", "expires_at": too_late.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "hoogstens 14 dagen" in html
    # The form again, with what was typed and the error at its field.
    (label,) = find_all(html, "input", name="label")
    assert attr(label, "value") == "NOS"
    (row,) = find_all(html, "div", class_="form-row errors")
    assert find_all(row, "input", name="expires_at")
    assert "hoogstens 14 dagen" in text(find(row, "ul", class_="errorlist"))
    assert ShareLink.objects.count() == 0
    response = client.post(admin_url(release), {"label": "", "language": "both"})
    assert response.status_code == 200 and ShareLink.objects.count() == 0


def test_the_change_page_links_to_the_share_links(client, chief_editor):
    release = scheduled()
    client.force_login(chief_editor)
    response = client.get(reverse("admin:press_pressrelease_change", args=[release.pk]))
    assert response.status_code == 200
    assert admin_url(release) in response.content.decode()


def test_the_page_cache_keeps_no_response_that_says_no_store(rf, settings):
    """The embargo view is no public_page; and were it one, its own Cache-Control
    would keep the page cache from storing it."""
    from django.http import HttpResponse

    from denhaag_cms.pagecache import public_page
    from press import views

    assert not hasattr(views.embargo, "__wrapped__") or "public_page" not in repr(
        views.embargo.__wrapped__
    )
    settings.PAGE_CACHE_SECONDS = 600
    calls = []

    @public_page()
    def view(request):
        calls.append(1)
        response = HttpResponse(f"secret {len(calls)}")
        response["Cache-Control"] = "private, no-store"
        return response

    first = view(rf.get("/nl/embargo/x/"))
    second = view(rf.get("/nl/embargo/x/"))
    assert len(calls) == 2
    assert second.content == b"secret 2" and "X-Page-Cache" not in second
    assert first.content == b"secret 1"


# -- a link pinned to one saved version ---------------------------------------------------


def test_a_link_follows_the_current_text_by_default(client):
    release = scheduled(title_nl="Eerste titel")
    _link, token = share(release)
    release.title_nl = "Tweede titel"
    release.save()
    response = client.get(embargo_url(token))
    assertContains(response, "Tweede titel")
    assertNotContains(response, "Eerste titel")


def test_a_link_pinned_to_a_version_shows_that_text(client):
    release = scheduled(title_nl="Eerste titel", lead_nl="Eerste inleiding.")
    first = release.history.order_by("-history_date").first()
    release.title_nl, release.lead_nl = "Tweede titel", "Tweede inleiding."
    release.save()
    link, token = sharelinks.create_share_link(
        release,
        label="NOS",
        language="both",
        expires_at=sharelinks.default_expiry(release),
        user=sharer(),
        version=first,
    )
    response = client.get(embargo_url(token))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assertInHTML("<h1>Eerste titel</h1>", response.content.decode())
    assertContains(response, "Eerste inleiding.")
    assertNotContains(response, "Tweede")
    # The release itself is untouched.
    assert PressRelease.objects.get(pk=release.pk).title_nl == "Tweede titel"


def test_a_link_cannot_pin_a_version_of_another_release():
    release, other = scheduled(), scheduled()
    with pytest.raises(ValueError):
        sharelinks.create_share_link(
            release,
            label="NOS",
            language="both",
            expires_at=sharelinks.default_expiry(release),
            user=None,
            version=other.history.first(),
        )


def test_pinning_a_version_in_the_admin(client, chief_editor):
    release = scheduled(title_nl="Eerste titel")
    first = release.history.order_by("-history_date").first()
    release.title_nl = "Tweede titel"
    release.save()
    other = scheduled(title_nl="Ander bericht")
    client.force_login(chief_editor)
    expires = timezone.localtime(timezone.now() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data = {"label": "NOS", "language": "nl", "expires_at": expires}
    # A version of another release is no choice: a form error, no link.
    refused = client.post(admin_url(release), data | {"version": other.history.first().pk})
    assert refused.status_code == 200
    assert "version" in refused.context["form"].errors
    assert not ShareLink.objects.exists()
    response = client.post(admin_url(release), data | {"version": first.pk})
    assert response.status_code == 200
    link = ShareLink.objects.get()
    assert link.version == first
    token = re.search(r"/nl/embargo/([\w-]+)/", response.content.decode()).group(1)
    assertContains(client.get(embargo_url(token)), "Eerste titel")


def test_a_link_made_with_the_default_expiry_stays_valid_until_publication(
    client, chief_editor, time_machine
):
    """The form shows the expiry to the minute; the default (the moment of publication,
    with its seconds) comes back cut to its minute. The link must not end in the
    seconds before the release is public: no gap for the journalist."""
    start = timezone.now()
    time_machine.move_to(start)
    moment = (start + dt.timedelta(days=1)).replace(second=53, microsecond=250000)
    release = make_release(status=Status.PUBLISHED, publish_at=moment)
    client.force_login(chief_editor)
    page = client.get(admin_url(release))
    shown = page.context["form"]["expires_at"].value()  # the initial value, as shown
    default = page.context["form"].fields["expires_at"].widget.format_value(shown)
    assert default == timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        admin_url(release), {"label": "NOS", "language": "nl", "expires_at": default}
    )
    assert response.status_code == 200
    link = ShareLink.objects.get()
    token = re.search(r"/nl/embargo/([\w-]+)/", response.content.decode()).group(1)
    client.logout()
    time_machine.move_to(moment - dt.timedelta(seconds=1))
    assert client.get(embargo_url(token)).status_code == 200
    time_machine.move_to(moment)
    response = client.get(embargo_url(token))
    assert (response.status_code, response["Location"]) == (302, release.get_absolute_url("nl"))
    # A moment the editor chose in another minute is kept as chosen.
    client.force_login(chief_editor)
    time_machine.move_to(start)
    earlier = timezone.localtime(moment - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    client.post(admin_url(release), {"label": "Trouw", "language": "nl", "expires_at": earlier})
    assert ShareLink.objects.get(label="Trouw").expires_at == (
        moment - dt.timedelta(hours=1)
    ).replace(second=0, microsecond=0)
    assert link.pk != ShareLink.objects.get(label="Trouw").pk


# -- attachments through a share link -------------------------------------------------------


def embargo_attachment_url(token: str, attachment, code: str = "nl") -> str:
    return url(
        "embargo-attachment",
        code,
        token=token,
        pk=attachment.pk,
        filename=attachment.download_name,
    )


def test_attachments_are_downloaded_through_the_link(client):
    release = scheduled()
    attachment = make_attachment(release, "Factsheet")
    _link, token = share(release)
    page = client.get(embargo_url(token))
    assertContains(page, f'href="{embargo_attachment_url(token, attachment)}"')
    assertNotContains(page, f'href="{attachment.get_absolute_url()}"')
    # Never through the public address before publication.
    assert client.get(attachment.get_absolute_url()).status_code == 404
    response = client.get(embargo_attachment_url(token, attachment))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert b"".join(response.streaming_content) == attachment.file.open("rb").read()


def test_an_attachment_of_another_release_is_404_through_the_link(client):
    release = scheduled()
    other = make_attachment(scheduled(), "Geheim")
    _link, token = share(release)
    assert client.get(embargo_attachment_url(token, other)).status_code == 404


def test_attachments_follow_the_link_state(client, time_machine):
    release = scheduled()
    attachment = make_attachment(release)
    link, token = share(release, expires_at=timezone.now() + dt.timedelta(hours=1))
    time_machine.move_to(timezone.now() + dt.timedelta(hours=2))  # expired, not public yet
    assert client.get(embargo_attachment_url(token, attachment)).status_code == 404
    time_machine.move_to(None)
    sharelinks.revoke(link)
    assert client.get(embargo_attachment_url(token, attachment)).status_code == 404
    _link, fresh = share(release)
    assert client.get(embargo_attachment_url(fresh, attachment, "nl")).status_code == 200
    wrong_name = url(
        "embargo-attachment", "nl", token=fresh, pk=attachment.pk, filename="anders.pdf"
    )
    assert client.get(wrong_name).status_code == 404


def test_once_public_an_attachment_link_leads_to_the_public_address(client, time_machine):
    release = scheduled()
    attachment = make_attachment(release)
    _link, token = share(release)
    time_machine.move_to(release.publish_at + dt.timedelta(minutes=1))
    response = client.get(embargo_attachment_url(token, attachment))
    assert response.status_code == 302
    assert response["Location"] == attachment.get_absolute_url()


# -- revoking in every status; a link is for one publication ------------------------------


def test_a_link_is_for_one_publication(client, chief_editor):
    """A 10-day link; the release is published, withdrawn and taken back to draft, and
    reworked: the journalist's old link does not show the reworked draft."""
    release = make_release("Nieuw stadhuis", status=Status.DRAFT)
    link, token = share(release, expires_at=timezone.now() + dt.timedelta(days=10))
    assert client.get(embargo_url(token)).status_code == 200
    workflow.change_status(release, Status.PUBLISHED, user=chief_editor)
    assert client.get(embargo_url(token)).status_code == 302  # to the public page
    workflow.change_status(
        release, Status.WITHDRAWN, user=chief_editor, explanation={"nl": "Onjuist."}
    )
    workflow.change_status(release, Status.DRAFT, user=chief_editor)
    release.title_nl = "Herschreven, nog niet goedgekeurd"
    workflow.save_edit(release, user=chief_editor)
    response = client.get(embargo_url(token))
    assert response.status_code == 404
    assertNotContains(response, "Herschreven", status_code=404)
    link.refresh_from_db()
    assert link.revoked_at is not None


@pytest.mark.parametrize(
    "path",
    [
        [Status.PUBLISHED, Status.WITHDRAWN],  # withdrawn
        [Status.PUBLISHED, Status.DRAFT],  # published (here: scheduled), back to draft
    ],
)
def test_leaving_the_publication_revokes_every_live_link(client, chief_editor, path):
    release = make_release(status=Status.DRAFT, publish_at=timezone.now() + dt.timedelta(days=3))
    (_one, token_one), (_two, token_two) = share(release), share(release, language="nl")
    for target in path:
        workflow.change_status(release, target, user=chief_editor, explanation={"nl": "Weg."})
    assert client.get(embargo_url(token_one)).status_code == 404
    assert client.get(embargo_url(token_two)).status_code == 404
    assert not ShareLink.objects.not_revoked().exists()


def test_a_link_survives_a_send_back_to_draft(client, editor, chief_editor):
    """Sent back from review, the release has not been published: the link is still
    for its (first) publication and shows the draft being finished."""
    release = make_release(status=Status.DRAFT, created_by=editor)
    _link, token = share(release, user=editor)
    workflow.change_status(release, Status.REVIEW, user=editor)
    workflow.change_status(release, Status.DRAFT, user=chief_editor, note="Kop korter.")
    assert client.get(embargo_url(token)).status_code == 200
    assert ShareLink.objects.not_revoked().count() == 1


def test_revoking_a_link_of_a_public_release(client, chief_editor):
    release = scheduled()
    link, token = share(release)
    release.publish_at = timezone.now() - dt.timedelta(minutes=1)
    release.save()
    assert client.get(embargo_url(token)).status_code == 302
    client.force_login(chief_editor)
    page = client.get(admin_url(release))
    assert page.status_code == 200
    # Its row has the revoke button, although the link's expiry has passed.
    buttons = find_all(page.content.decode(), "button", name="revoke")
    assert [attr(button, "value") for button in buttons] == [str(link.pk)]
    response = client.post(admin_url(release), {"revoke": link.pk})
    assert response.status_code == 302 and response["Location"] == admin_url(release)
    link.refresh_from_db()
    assert link.revoked_at is not None
    client.logout()
    assert client.get(embargo_url(token)).status_code == 404


def test_the_editor_who_made_a_link_revokes_it_once_public(client, editor):
    release = make_release(status=Status.DRAFT, created_by=editor)
    link, token = share(release, user=editor)
    release.status, release.publish_at = Status.PUBLISHED, timezone.now()
    release.save()
    assert not sharelinks.may_share(editor, release)
    client.force_login(editor)
    response = client.post(admin_url(release), {"revoke": link.pk})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.is_revoked


def test_another_editor_may_not_revoke(client, editor, django_user_model):
    release = make_release(status=Status.DRAFT, created_by=editor)
    link, _token = share(release, user=editor)
    other = make_user(django_user_model, "other-editor", EDITORS)
    assert not sharelinks.may_revoke(other, link)
    client.force_login(other)
    assert client.post(admin_url(release), {"revoke": link.pk}).status_code == 403
    link.refresh_from_db()
    assert not link.is_revoked


@pytest.mark.parametrize("value", ["abc", "", "1" * 25, "-1", "1.5"])
def test_a_bad_revoke_value_is_404_and_changes_nothing(client, chief_editor, value):
    release = scheduled()
    link, token = share(release)
    client.force_login(chief_editor)
    response = client.post(admin_url(release), {"revoke": value})
    assert response.status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None
    assert client.get(embargo_url(token)).status_code == 200


def test_a_link_of_another_release_is_not_revoked_here(client, chief_editor):
    release, other = scheduled(), scheduled()
    other_link, _token = share(other)
    client.force_login(chief_editor)
    assert client.post(admin_url(release), {"revoke": other_link.pk}).status_code == 404
    other_link.refresh_from_db()
    assert other_link.revoked_at is None


# -- the rules live in the service ------------------------------------------------------------


def test_the_service_refuses_who_may_not_share(editor, chief_editor, django_user_model):
    theirs = make_release(status=Status.DRAFT, created_by=chief_editor)
    with translation.override("nl"), pytest.raises(PermissionDenied) as refused:
        share(theirs, user=editor)
    assert "Je mag dit persbericht niet delen" in str(refused.value)
    public = make_release(status=Status.PUBLISHED)
    with pytest.raises(PermissionDenied):
        share(public, user=chief_editor)
    withdrawn = make_release(status=Status.WITHDRAWN)
    with pytest.raises(PermissionDenied):
        share(withdrawn, user=chief_editor)
    with pytest.raises(PermissionDenied):
        share(theirs, user=AnonymousUser())
    assert not ShareLink.objects.exists()
    share(theirs, user=chief_editor)  # and who may, may
    assert ShareLink.objects.count() == 1


def test_the_service_refuses_an_expiry_outside_the_window(chief_editor, settings):
    settings.SHARE_LINK_MAX_DAYS = 14
    release = scheduled()
    now = timezone.now()
    with translation.override("nl"):
        with pytest.raises(ValidationError) as too_long:
            share(release, expires_at=now + dt.timedelta(days=14, minutes=1))
        with pytest.raises(ValidationError) as past:
            share(release, expires_at=now - dt.timedelta(minutes=1))
    assert too_long.value.messages == ["Een deellink is hoogstens 14 dagen geldig."]
    assert past.value.messages == ["Kies een moment in de toekomst."]
    assert not ShareLink.objects.exists()
    link, _token = share(release, expires_at=now + dt.timedelta(days=13))
    assert link.expires_at == now + dt.timedelta(days=13)


def test_the_admin_form_asks_the_service(client, chief_editor, settings, monkeypatch):
    """One rule: the form shows the service's error at its field."""
    release = scheduled()

    def refuse(expires_at, now=None):
        raise ValidationError("Nee, volgens de dienst.")

    monkeypatch.setattr(sharelinks, "check_expiry", refuse)
    response = make_link_as(client, chief_editor, release)
    assert response.status_code == 200
    assert response.context["form"].errors["expires_at"] == ["Nee, volgens de dienst."]
    assert not ShareLink.objects.exists()


# -- the embargo responses ------------------------------------------------------------------


def test_a_head_request_is_not_an_opening(client):
    link, token = share(scheduled())
    response = client.head(embargo_url(token))
    assert response.status_code == 200
    link.refresh_from_db()
    assert link.open_count == 0 and link.last_opened_at is None
    assert client.get(embargo_url(token)).status_code == 200
    link.refresh_from_db()
    assert link.open_count == 1


def test_embargo_answers_name_no_referrer(client, time_machine):
    release = scheduled()
    attachment = make_attachment(release)
    link, token = share(release)
    answers = {
        "page": client.get(embargo_url(token)),
        "attachment": client.get(embargo_attachment_url(token, attachment)),
        "unknown": client.get(embargo_url("nothing-like-a-token")),
    }
    time_machine.move_to(release.publish_at + dt.timedelta(minutes=1))
    answers["redirect"] = client.get(embargo_url(token))
    assert answers["page"].status_code == 200 and answers["redirect"].status_code == 302
    for name, response in answers.items():
        assert response["Referrer-Policy"] == "no-referrer", name
        assert response["Cache-Control"] == "private, no-store", name
        assert response["X-Robots-Tag"] == "noindex, nofollow", name


@pytest.mark.parametrize("code", ["nl", "en"])
def test_share_link_404s_are_private(client, settings, code):
    settings.FRONT_CACHE_SECONDS = 3
    release = scheduled()
    attachment = make_attachment(release)
    link, token = share(release)
    sharelinks.revoke(link)
    for address in [
        embargo_url("nothing-like-a-token", code),
        embargo_url(token, code),
        embargo_attachment_url(token, attachment, code),
    ]:
        response = client.get(address)
        assert response.status_code == 404
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Referrer-Policy"] == "no-referrer"
        assertContains(response, f'lang="{code}"', status_code=404)  # the 404 page
