"""The editors' workflow in the admin, and who may do what (a permission matrix)."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from press.models import PressRelease
from press.roles import CHIEF_EDITORS, EDITORS, MODERATORS, ROLES
from tests.conftest import make_release

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:press_pressrelease_add")
CHANGELIST_URL = reverse("admin:press_pressrelease_changelist")


def form_data(**overrides) -> dict:
    data = {
        "title_nl": "Nieuw persbericht",
        "slug_nl": "",
        "title_en": "",
        "slug_en": "",
        "lead_nl": "Een inleiding.",
        "lead_en": "",
        "body_nl": "<p>De tekst.</p>",
        "body_en": "",
        "dateline": "Den Haag",
        "hero_alt_nl": "",
        "hero_alt_en": "",
        "hero_credit": "",
        "status": "draft",
        "comments_enabled": "on",
        "withdrawal_notice_nl": "",
        "withdrawal_notice_en": "",
    }
    for prefix in ("PressRelease_contacts", "links", "attachments"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    data |= overrides
    return data


def permission_names(permissions) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions}


def test_roles_exist_with_exactly_their_permissions():
    existing = permission_names(Permission.objects.select_related("content_type"))
    for name, permissions in ROLES.items():
        group = Group.objects.get(name=name)
        assert permission_names(group.permissions.all()) == set(permissions) & existing, name
    assert "press.publish_pressrelease" not in ROLES[EDITORS]
    assert "press.publish_pressrelease" in ROLES[CHIEF_EDITORS]
    assert not [p for p in ROLES[MODERATORS] if p.startswith("press.")]


def test_editor_creates_a_draft(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, form_data())
    assert response.status_code == 302, response.context["adminform"].form.errors
    release = PressRelease.objects.get(title_nl="Nieuw persbericht")
    assert release.status == PressRelease.Status.DRAFT
    assert release.created_by == editor
    assert release.slug_nl == "nieuw-persbericht"


def test_editor_cannot_publish_through_the_form(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, form_data(status="published"))
    assert response.status_code == 200
    assert not PressRelease.objects.exists()
    assert "status" in response.context["adminform"].form.errors


def test_chief_editor_publishes_and_the_date_is_filled_in(client, chief_editor):
    client.force_login(chief_editor)
    response = client.post(ADD_URL, form_data(status="published"))
    assert response.status_code == 302
    release = PressRelease.objects.get()
    assert release.is_published()
    assert release.publish_at <= timezone.now()


def test_chief_editor_schedules(client, chief_editor):
    client.force_login(chief_editor)
    later = timezone.localtime() + dt.timedelta(days=2)
    response = client.post(
        ADD_URL,
        form_data(
            status="published",
            publish_at_0=later.strftime("%d-%m-%Y"),
            publish_at_1=later.strftime("%H:%M:%S"),
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    release = PressRelease.objects.get()
    assert release.is_scheduled and not release.is_published()


def run_action(client, action: str, release: PressRelease, **confirmation):
    """Run a list action; `confirmation`: what its confirmation page asks for."""
    data = {"action": action, "_selected_action": [release.pk]}
    if confirmation:
        data |= {"post": "yes", **confirmation}
    return client.post(CHANGELIST_URL, data, follow=True)


def test_editor_submits_for_review_but_cannot_publish_or_withdraw(client, editor):
    client.force_login(editor)
    draft = make_release(status=PressRelease.Status.DRAFT)
    run_action(client, "submit_for_review", draft, note="")
    draft.refresh_from_db()
    assert draft.status == PressRelease.Status.REVIEW
    run_action(client, "publish_now", draft)
    draft.refresh_from_db()
    assert draft.status == PressRelease.Status.REVIEW
    published = make_release()
    run_action(client, "withdraw", published, explanation_nl="Fout.")
    published.refresh_from_db()
    assert published.status == PressRelease.Status.PUBLISHED


def test_chief_editor_publishes_and_withdraws_with_actions(client, chief_editor):
    client.force_login(chief_editor)
    release = make_release(status=PressRelease.Status.REVIEW, publish_at=None)
    run_action(client, "publish_now", release)
    release.refresh_from_db()
    assert release.is_published()
    run_action(client, "withdraw", release, explanation_nl="Dit bericht bevatte een fout.")
    release.refresh_from_db()
    assert release.status == PressRelease.Status.WITHDRAWN
    assert release.withdrawn_at is not None
    assert release.withdrawal_notice_nl == "Dit bericht bevatte een fout."


def test_editor_cannot_change_a_published_release(client, editor):
    client.force_login(editor)
    release = make_release()
    url = reverse("admin:press_pressrelease_change", args=[release.pk])
    assert client.get(url).status_code == 200  # may read it
    response = client.post(url, form_data(title_nl="Gewijzigd", status="published"))
    assert response.status_code == 403
    release.refresh_from_db()
    assert release.title_nl != "Gewijzigd"


@pytest.mark.parametrize(
    "role, changelist, add",
    [
        (EDITORS, 200, 200),
        (CHIEF_EDITORS, 200, 200),
        (MODERATORS, 403, 403),
    ],
)
def test_release_admin_access_by_role(client, django_user_model, role, changelist, add):
    from tests.conftest import make_user

    client.force_login(make_user(django_user_model, "someone", role))
    assert client.get(CHANGELIST_URL).status_code == changelist
    assert client.get(ADD_URL).status_code == add


def test_anonymous_is_sent_to_login(client):
    response = client.get(CHANGELIST_URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_history_keeps_both_languages(client, chief_editor):
    release = make_release("Eerste versie")
    release.title_en = "Second version"
    release.save()
    history = release.history.order_by("history_date")
    assert history.count() == 2
    assert history.last().title_en == "Second version"
    client.force_login(chief_editor)
    url = reverse("admin:press_pressrelease_history", args=[release.pk])
    assert client.get(url).status_code == 200


def test_changelist_marks_missing_english_and_filters(client, chief_editor):
    client.force_login(chief_editor)
    make_release("Alleen Nederlands", english=False)
    make_release("Tweetalig")
    html = client.get(CHANGELIST_URL).content.decode()
    assert "missing-english" in html
    html = client.get(CHANGELIST_URL + "?english=missing").content.decode()
    assert "Alleen Nederlands" in html and "Tweetalig" not in html


def test_changelist_query_count_does_not_grow(client, chief_editor, get_within_budget):
    client.force_login(chief_editor)
    releases = [make_release() for _ in range(3)]
    response, few = get_within_budget(CHANGELIST_URL, 20)
    assert list(response.context["cl"].result_list) == releases
    assertContains(response, releases[0].title_nl)
    releases += [make_release() for _ in range(20)]
    response, many = get_within_budget(CHANGELIST_URL, few)
    assert list(response.context["cl"].result_list) == releases
    assertContains(response, releases[-1].title_nl)
    assert many == few


def test_editor_cannot_unpublish_through_a_history_revert(client, editor):
    release = make_release("Gepubliceerd bericht")
    release.title_nl = "Tweede versie"
    release.save()
    first_version = release.history.order_by("history_date").first()
    client.force_login(editor)
    url = reverse(
        "admin:press_pressrelease_simple_history", args=[release.pk, first_version.history_id]
    )
    assert client.get(url).status_code == 200  # may read the old version
    response = client.post(url, form_data(title_nl="Teruggezet", status="draft"))
    assert response.status_code == 403
    release.refresh_from_db()
    assert release.status == PressRelease.Status.PUBLISHED
    assert release.title_nl == "Tweede versie"


def test_chief_editor_can_revert_to_an_earlier_version(client, chief_editor):
    release = make_release("Eerste titel")
    release.title_nl = "Tweede titel"
    release.save()
    first_version = release.history.order_by("history_date").first()
    client.force_login(chief_editor)
    url = reverse(
        "admin:press_pressrelease_simple_history", args=[release.pk, first_version.history_id]
    )
    # Reverting a public release is a correction too: minor or public, chosen.
    data = form_data(title_nl="Eerste titel", status="published")
    response = client.post(url, data)
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["change_kind"]
    response = client.post(url, data | {"change_kind": "minor"})
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.title_nl == "Eerste titel"


def test_title_without_letters_or_digits_asks_for_an_address(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, form_data(title_nl="???"))
    assert response.status_code == 200
    assert not PressRelease.objects.exists()
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["slug_nl"]
    response = client.post(ADD_URL, form_data(title_nl="???", slug_nl="vraagtekens"))
    assert response.status_code == 302
    assert PressRelease.objects.get().slug_nl == "vraagtekens"


@pytest.mark.parametrize(
    "date, time", [("31-12-9999", "23:59:59"), ("01-01-0001", "00:00:00"), ("01-01-1899", "12:00")]
)
def test_a_publication_date_at_the_ends_of_the_calendar_is_a_form_error(
    client, chief_editor, date, time
):
    # Found by tests/test_fuzz.py: the year 9999 or 1 left Python's dates once
    # converted to UTC on saving, and the chief editor got a 500.
    client.force_login(chief_editor)
    data = form_data(status="published", publish_at_0=date, publish_at_1=time)
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Kies een publicatiedatum van het jaar 1900 tot en met het jaar 2999." in (
        response.content.decode()
    )
    assert not PressRelease.objects.exists()
    response = client.post(ADD_URL, data | {"publish_at_0": "28-11-2026"})
    assert response.status_code == 302
    assert PressRelease.objects.get().publish_at.year == 2026


@pytest.mark.parametrize("year", ["1", "9999", "10000", "-5", "٣٣", "x"])
def test_a_year_outside_the_calendar_in_the_list_is_the_wrong_filter_page(
    client, chief_editor, year
):
    # Found by tests/test_fuzz.py: the date hierarchy's year 1 or 9999 was a 500.
    make_release("Zichtbaar in de lijst")
    client.force_login(chief_editor)
    response = client.get(CHANGELIST_URL, {"publish_at__year": year})
    assert response.status_code == 302
    assert response["Location"] == f"{CHANGELIST_URL}?e=1"
    response = client.get(CHANGELIST_URL, {"publish_at__year": "2026"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == (
        PressRelease.objects.filter(publish_at__year=2026).count()
    )


@pytest.mark.parametrize("theme", ["9223469219282927616", str(2**63), "0", "-1"])
def test_a_theme_id_no_row_can_have_is_a_form_error(client, chief_editor, theme):
    # Found by tests/test_fuzz.py: an id beyond 64 bits made SQLite raise OverflowError.
    client.force_login(chief_editor)
    response = client.post(ADD_URL, form_data(themes=theme))
    assert response.status_code == 200
    assert f"Selecteer een geldige keuze. {theme} is geen beschikbare keuze." in (
        response.content.decode()
    )
    assert not PressRelease.objects.exists()


def test_address_of_another_release_is_a_form_error(client, editor):
    existing = make_release("Zandmotor")
    client.force_login(editor)
    response = client.post(ADD_URL, form_data(title_nl="Iets anders", slug_nl=existing.slug_nl))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["slug_nl"] == ["Een ander persbericht gebruikt dit adres al."]
    assertContains(response, "Een ander persbericht gebruikt dit adres al.")
    assert list(PressRelease.objects.all()) == [existing]


def test_former_address_of_another_release_is_a_form_error(client, editor):
    existing = make_release("Oude titel")
    existing.slug_nl = "nieuwe-titel"
    existing.save()  # oude-titel now redirects to it
    client.force_login(editor)
    response = client.post(ADD_URL, form_data(title_nl="Oude titel"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["slug_nl"] == ["Een ander persbericht gebruikt dit adres al."]
    response = client.post(ADD_URL, form_data(title_nl="Oude titel", slug_nl="oude-titel-2"))
    assert response.status_code == 302
    assert PressRelease.objects.count() == 2


def test_editing_a_release_keeps_its_own_address(client, editor):
    release = make_release("Zandmotor", status=PressRelease.Status.DRAFT)
    client.force_login(editor)
    url = reverse("admin:press_pressrelease_change", args=[release.pk])
    data = form_data(title_nl="Zandmotor", slug_nl=release.slug_nl, slug_en=release.slug_en)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert response["Location"] == CHANGELIST_URL


THEME_ADD_URL = reverse("admin:press_theme_add")


def theme_form(**overrides) -> dict:
    data = {"name_nl": "Kust", "name_en": "Coast", "slug_nl": "kust", "slug_en": "coast"}
    return data | overrides


@pytest.mark.parametrize("field", ["slug_nl", "slug_en"])
def test_theme_address_used_by_another_theme_is_a_form_error(client, editor, field):
    from tests.conftest import make_theme

    make_theme("Kust", slug_nl="kust", slug_en="coast")
    client.force_login(editor)
    response = client.post(THEME_ADD_URL, theme_form(name_nl="Strand", name_en="Beach"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors[field] == ["Een ander thema gebruikt dit adres al."]
    assertContains(response, "Een ander thema gebruikt dit adres al.", count=2)


def test_theme_keeps_its_own_address_when_edited(client, editor):
    from press.models import Theme

    client.force_login(editor)
    response = client.post(THEME_ADD_URL, theme_form())
    assert response.status_code == 302
    theme = Theme.objects.get()
    change = reverse("admin:press_theme_change", args=[theme.pk])
    response = client.post(change, theme_form(name_en="Coastline"))
    assert response.status_code == 302
    assert Theme.objects.get().name_en == "Coastline"


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_workflow_actions_change_only_releases_in_the_right_state(client, chief_editor):
    """Publishing a published release changes nothing, and the message counts only what
    changed; the actions that ask for a note or an explanation first (submit, withdraw)
    are driven through their confirmation pages in tests/press/test_workflow.py."""
    client.force_login(chief_editor)
    published = make_release(publish_at=timezone.now() - dt.timedelta(days=3))
    moment = published.publish_at
    response = run_action(client, "publish_now", published)
    assert messages_of(response) == ["0 persberichten gepubliceerd."]
    published.refresh_from_db()
    assert published.status == PressRelease.Status.PUBLISHED and published.publish_at == moment


def test_publish_action_keeps_the_scheduled_moment(client, chief_editor):
    client.force_login(chief_editor)
    later = (timezone.now() + dt.timedelta(days=2)).replace(microsecond=0)
    release = make_release(status=PressRelease.Status.REVIEW, publish_at=later)
    response = run_action(client, "publish_now", release)
    moment = timezone.localtime(later).strftime("%d-%m-%Y %H:%M")
    # Not "published": it is not public yet.
    assert messages_of(response) == [
        f"Ingepland, vanzelf openbaar op het gekozen moment: “{release}” op {moment}"
    ]
    release.refresh_from_db()
    assert release.publish_at == later and release.is_scheduled


def test_editor_cannot_set_the_publication_date(client, editor):
    client.force_login(editor)
    later = timezone.localtime() + dt.timedelta(days=2)
    response = client.post(
        ADD_URL,
        form_data(
            publish_at_0=later.strftime("%d-%m-%Y"), publish_at_1=later.strftime("%H:%M:%S")
        ),
    )
    assert response.status_code == 302
    assert PressRelease.objects.get().publish_at is None
    response = client.get(
        reverse("admin:press_pressrelease_change", args=[PressRelease.objects.get().pk])
    )
    assert "publish_at" not in response.context["adminform"].form.fields


@pytest.mark.parametrize("month, day", [("2147483648", "1"), ("1", "99999999999999999999")])
def test_a_date_beyond_any_calendar_is_a_wrong_filter_not_a_500(client, chief_editor, month, day):
    client.force_login(chief_editor)
    response = client.get(
        reverse("admin:press_pressrelease_changelist"),
        {"publish_at__year": "2020", "publish_at__month": month, "publish_at__day": day},
    )
    assert response.status_code == 302 and "?e=1" in response["Location"]


@pytest.mark.parametrize(
    ("changelist", "field"),
    [
        ("admin:press_membership_changelist", "joined_on"),
        ("admin:comments_comment_changelist", "submitted_at"),
        ("admin:alerts_subscriber_changelist", "created_at"),
    ],
)
@pytest.mark.parametrize("year", ["2147483648", "9999", "0"])
def test_every_date_hierarchy_answers_a_year_beyond_the_calendar_as_a_wrong_filter(
    client, superuser, changelist, field, year
):
    # Found by tests/test_fuzz.py: ?joined_on__year=2147483648 was a 500.
    client.force_login(superuser)
    response = client.get(reverse(changelist), {f"{field}__year": year})
    assert response.status_code == 302 and response["Location"].endswith("?e=1")
    assert client.get(reverse(changelist), {f"{field}__year": "2026"}).status_code == 200
