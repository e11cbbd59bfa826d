"""Who sees a release that is not public: one rule (press.services.may_see_unpublished,
visible_releases, can_see), asked by the preview, the draft preview and the attachment
download. Every kind of user against a release in every state."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from press import services
from press.roles import CHIEF_EDITORS, EDITORS, MODERATORS
from tests.conftest import make_attachment, make_user

pytestmark = pytest.mark.django_db

# Who sees what is not public, and how the others are sent away from a preview:
# to the admin's login (not staff, or not logged in), or 403 (staff without the right).
USERS = {
    "anonymous": (False, "login"),
    "citizen": (False, "login"),
    "inactive editor": (False, "login"),
    "staff without a role": (False, 403),
    "moderator": (False, 403),
    "editor": (True, 200),
    "chief editor": (True, 200),
    "superuser": (True, 200),
}


def user_of(kind: str, django_user_model):
    match kind:
        case "anonymous":
            return AnonymousUser()
        case "citizen":
            return django_user_model.objects.create_user("citizen", password="x")
        case "inactive editor":
            return make_user(django_user_model, "gone", EDITORS, is_active=False)
        case "staff without a role":
            return make_user(django_user_model, "staff")
        case "moderator":
            return make_user(django_user_model, "moderator", MODERATORS)
        case "editor":
            return make_user(django_user_model, "editor", EDITORS)
        case "chief editor":
            return make_user(django_user_model, "chief", CHIEF_EDITORS)
        case "superuser":
            return django_user_model.objects.create_superuser("admin", "a@example.invalid", "x")


@pytest.mark.parametrize("kind", USERS)
def test_the_rule_for_every_user_and_every_state(kind, django_user_model, releases_in_every_state):
    sees_unpublished, _answer = USERS[kind]
    user = user_of(kind, django_user_model)
    releases = releases_in_every_state()
    assert services.may_see_unpublished(user) is sees_unpublished
    visible = set(services.visible_releases(user))
    assert releases.public in visible
    for release in releases.hidden:
        assert (release in visible) is sees_unpublished, release


@pytest.mark.parametrize("kind", USERS)
def test_previews_and_attachments_ask_the_rule(
    kind, client, django_user_model, releases_in_every_state
):
    sees_unpublished, answer = USERS[kind]
    user = user_of(kind, django_user_model)
    if kind != "anonymous":
        client.force_login(user)
    releases = releases_in_every_state()
    for release in [releases.public, *releases.hidden]:
        preview = release.get_preview_url("nl")
        response = client.get(preview)
        if answer == "login":
            assertRedirects(
                response,
                f"{reverse('admin:login')}?next={quote(preview)}",
                fetch_redirect_response=False,
            )
        else:
            assert response.status_code == answer, (kind, release)
        if answer == 200:
            assert release.title_nl in response.content.decode()
        attachment = make_attachment(release, f"Bijlage bij {release.pk}")
        response = client.get(attachment.get_absolute_url())
        expected = 200 if release == releases.public or sees_unpublished else 404
        assert response.status_code == expected, (kind, release)
        if expected == 200:
            assert b"".join(response.streaming_content) == attachment.file.open("rb").read()
            # Shared caches keep only what everyone may see.
            if release == releases.public:
                # (a shared cache in front may add its short s-maxage)
                assert response["Cache-Control"].startswith("public, max-age=3600")
            else:
                assert response["Cache-Control"] == "private, no-store"
                assert response["X-Robots-Tag"] == "noindex, nofollow"
    # A draft preview (the admin form's unsaved content) by the same rule.
    response = client.post(
        reverse("press:release-draft-preview-start"), {"title_nl": "Onopgeslagen"}
    )
    if answer == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == (303 if answer == 200 else answer)
