"""Any municipality by configuration: the organisation's identity and NL Design System
theme from settings, the footer's legal pages in both languages, security.txt."""

import datetime as dt
import re

import pytest
from django.core.checks import run_checks
from django.urls import reverse
from django.utils import timezone, translation

from denhaag_cms.checks import check_security_txt
from denhaag_cms.themes import check_theme
from tests.htmltree import attr, find_all

pytestmark = pytest.mark.django_db

LEGAL = ["accessibility", "privacy", "cookies", "contact", "colofon"]


@pytest.fixture
def utrecht(settings):
    settings.SITE_NAME = "Gemeente Utrecht"
    settings.CITY_NAME = "Utrecht"
    settings.CONTACT_EMAIL = "pers@utrecht.example"
    settings.CONTACT_PHONE = "030 286 00 00"
    settings.CONTACT_ADDRESS = "Stadsplateau 1, Utrecht"
    settings.ORGANISATION_URL = "https://www.utrecht.example/"
    settings.SECURITY_CONTACT = "mailto:security@utrecht.example"
    return settings


def url(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", LEGAL)
def test_legal_pages_name_the_configured_organisation(client, utrecht, name, language):
    address = url(name, language)
    assert address.startswith(f"/{language}/")
    response = client.get(address)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert "Gemeente Utrecht" in html
    assert "Den Haag" not in html
    assert "denhaag" not in html.replace("denhaag-theme", "").replace("tokens/denhaag", "")


def test_legal_pages_have_translated_addresses():
    assert url("privacy", "nl") == "/nl/privacyverklaring/"
    assert url("privacy", "en") == "/en/privacy-statement/"
    assert url("accessibility", "nl") == "/nl/toegankelijkheidsverklaring/"
    assert url("cookies", "nl") == "/nl/cookieverklaring/"
    assert url("colofon", "en") == "/en/colophon/"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_links_the_legal_pages_from_its_footer(client, language):
    html = client.get(f"/{language}/").content.decode()
    footer = html[html.index("<footer") :]
    hrefs = re.findall(r'href="([^"]+)"', footer)
    for name in LEGAL:
        assert url(name, language) in hrefs
    # Consistent help (WCAG 3.2.6): contact is the footer's first link after the
    # organisation, on every page.
    assert hrefs.index(url("contact", language)) <= 1
    not_found = client.get(f"/{language}/does-not-exist/").content.decode()
    assert url("contact", language) in not_found[not_found.index("<footer") :]


def test_the_privacy_statement_states_the_retention_periods_from_settings(client, settings):
    settings.COMMENTS_RETENTION_DAYS = 123
    settings.ALERTS_UNCONFIRMED_DAYS = 4
    settings.ALERTS_DELIVERY_RETENTION_DAYS = 45
    for language in ("nl", "en"):
        text = client.get(url("privacy", language)).content.decode()
        assert re.search(r"\b123 (dagen|days)\b", text), language
        assert re.search(r"\b4 (dagen|days)\b", text), language
        assert re.search(r"\b45 (dagen|days)\b", text), language


def test_the_cookie_statement_names_every_cookie_the_site_sets(client, settings):
    settings.SESSION_COOKIE_NAME = "nieuws_sessie"
    text = client.get(url("cookies", "en")).content.decode()
    for name in ("nieuws_sessie", settings.CSRF_COOKIE_NAME, "messages"):
        assert f"<code>{name}</code>" in text


def test_the_accessibility_statement_states_status_and_audit(client, settings):
    settings.ACCESSIBILITY_STATUS = "B"
    settings.ACCESSIBILITY_AUDIT_DATE = "12 maart 2026"
    text = client.get(url("accessibility", "nl")).content.decode()
    assert "<strong>B</strong>" in text
    assert "12 maart 2026" in text


def test_the_header_names_the_organisation_or_shows_its_logo(client, settings):
    settings.SITE_NAME = "Gemeente Zwolle"
    html = client.get("/nl/").content.decode()
    assert "Gemeente Zwolle" in html[html.index("<header") : html.index("</header>")]
    settings.SITE_LOGO = "https://cdn.example/zwolle.svg"
    html = client.get("/nl/").content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert (
        '<img class="site-logo" src="https://cdn.example/zwolle.svg" alt="Gemeente Zwolle">'
        in header
    )


def test_extra_footer_links_from_settings(client, settings):
    settings.FOOTER_LINKS = [("Vacatures", "https://example.nl/vacatures")]
    html = client.get("/en/").content.decode()
    assert (
        '<a class="utrecht-link-list__link utrecht-link" href="https://example.nl/vacatures">Vacatures</a>'
        in html
    )


# -- theme ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("theme", "tokens", "body_class"),
    [
        ("denhaag", "/static/nlds/tokens/denhaag.css", "denhaag-theme"),
        ("voorbeeld", "/static/nlds/tokens/voorbeeld.css", "voorbeeld-theme"),
    ],
)
def test_the_theme_setting_chooses_tokens_and_body_class(
    client, settings, theme, tokens, body_class
):
    settings.SITE_THEME = theme
    html = client.get("/nl/").content.decode()
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)
    assert stylesheets == [tokens, "/static/nlds/components.css", "/static/css/site.css"]
    assert f'<body class="{body_class}">' in html


def test_the_committed_tokens_define_what_site_css_uses():
    """The shipped themes' tokens files carry the custom properties site.css reads,
    under the class the body gets."""
    from django.contrib.staticfiles import finders

    for theme, selector in (("denhaag", ".denhaag-theme"), ("voorbeeld", ".voorbeeld-theme")):
        css = open(finders.find(f"nlds/tokens/{theme}.css")).read()
        assert selector + " {" in css
        assert "--utrecht-link-color:" in css
        assert "--utrecht-button-primary-action-background-color:" in css
    site_css = open(finders.find("css/site.css")).read()
    assert "var(--utrecht-link-color" in site_css
    assert "#00583c;" not in site_css.replace(
        "var(--utrecht-button-primary-action-background-color, #00583c)", ""
    )


def test_an_unknown_theme_fails_the_system_check(settings):
    settings.SITE_THEME = "gotham"
    assert [error.id for error in check_theme()] == ["denhaag_cms.E010"]
    settings.SITE_THEME = "voorbeeld"
    assert check_theme() == []


def test_a_theme_whose_tokens_are_not_fetched_fails_the_system_check(settings, monkeypatch):
    """Utrecht's tokens are not redistributed: without `scripts/update-nlds --all` on
    this machine the check says so, instead of pages without a house style."""
    from denhaag_cms import themes

    monkeypatch.setattr(themes.finders, "find", lambda path: None)
    settings.SITE_THEME = "utrecht"
    errors = check_theme()
    assert [error.id for error in errors] == ["denhaag_cms.E011"]
    assert "--all" in errors[0].hint


# -- security.txt -----------------------------------------------------------------------


def test_security_txt_follows_rfc_9116(client, settings):
    settings.SECURITY_CONTACT = "mailto:cert@example.nl"
    settings.SECURITY_TXT_EXPIRES = "2027-06-30T00:00:00+02:00"
    settings.SITE_URL = "https://nieuws.example.nl"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines() if line)
    assert fields == {
        "Contact": "mailto:cert@example.nl",
        "Expires": "2027-06-29T22:00:00Z",
        "Preferred-Languages": "nl, en",
        "Canonical": "https://nieuws.example.nl/.well-known/security.txt",
    }


def test_security_txt_without_an_expiry_setting_holds_a_year_and_warns(client, settings):
    settings.SECURITY_TXT_EXPIRES = ""
    text = client.get("/.well-known/security.txt").content.decode()
    expires = dt.datetime.strptime(
        re.search(r"^Expires: (.+)$", text, re.M).group(1), "%Y-%m-%dT%H:%M:%SZ"
    ).replace(tzinfo=dt.UTC)
    assert dt.timedelta(days=364) < expires - timezone.now() <= dt.timedelta(days=366)
    assert [w.id for w in check_security_txt()] == ["denhaag_cms.W010"]
    soon = timezone.now() + dt.timedelta(days=10)
    settings.SECURITY_TXT_EXPIRES = soon.isoformat()
    assert [w.id for w in check_security_txt()] == ["denhaag_cms.W011"]
    settings.SECURITY_TXT_EXPIRES = (soon + dt.timedelta(days=100)).isoformat()
    assert check_security_txt() == []
    assert "denhaag_cms.W011" not in [m.id for m in run_checks(include_deployment_checks=True)]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_another_organisation_shows_no_den_haag_outside_the_releases(client, utrecht, language):
    """Everything but the content (no release here) comes from the configuration."""
    utrecht.SITE_THEME = "voorbeeld"
    for address in (f"/{language}/", url("press:network-list", language)):
        html = client.get(address).content.decode()
        assert "Gemeente Utrecht" in html
        assert "Den Haag" not in html and "Hague" not in html and "denhaag" not in html


def test_footer_links_and_role_groups_are_read_from_pairs(monkeypatch):
    """FOOTER_LINKS and OIDC_ROLE_GROUPS as an operator writes them: "a|b;c|d" and
    "group=Role;…", spaces around the parts allowed; an item missing a side is left out
    (not a link without an address)."""
    from denhaag_cms.environment import env_pairs

    monkeypatch.setenv("FOOTER_LINKS", "Vacatures | https://example.nl/vacatures;Leeg|; |x;Los")
    assert env_pairs("FOOTER_LINKS", "|") == [("Vacatures", "https://example.nl/vacatures")]
    monkeypatch.setenv("OIDC_ROLE_GROUPS", "nieuws-redactie=Editors; hoofd = Chief editors")
    assert dict(env_pairs("OIDC_ROLE_GROUPS", "=")) == {
        "nieuws-redactie": "Editors",
        "hoofd": "Chief editors",
    }
    monkeypatch.delenv("OIDC_ROLE_GROUPS")
    assert env_pairs("OIDC_ROLE_GROUPS", "=") == []


def test_new_releases_and_contacts_name_the_configured_organisation(utrecht, superuser, client):
    """A new release's dateline is the city, a new press contact's organisation the
    site's own: in the admin's add forms too, not The Hague's."""
    from press.models import PressContact, PressRelease

    assert PressRelease().dateline == "Utrecht"
    assert PressContact().organisation == "Gemeente Utrecht"
    client.force_login(superuser)
    add_contact = client.get(reverse("admin:press_presscontact_add")).content.decode()
    [organisation] = find_all(add_contact, "input", name="organisation")
    assert attr(organisation, "value") == "Gemeente Utrecht"
    add_release = client.get(reverse("admin:press_pressrelease_add")).content.decode()
    [dateline] = find_all(add_release, "input", name="dateline")
    assert attr(dateline, "value") == "Utrecht"
