"""The Dutch interface is complete: no empty or fuzzy entry, the compiled catalogues
match their sources, and the Dutch says "je", never "u"."""

import re

import polib
import pytest
from django.conf import settings

LOCALE = settings.BASE_DIR / "locale" / "nl" / "LC_MESSAGES"
DOMAINS = ["django", "djangojs"]
FORMAL = re.compile(r"\b(u|uw|U|Uw)\b")


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_entry_is_translated_and_none_is_fuzzy(domain):
    catalogue = polib.pofile(str(LOCALE / f"{domain}.po"))
    assert len(catalogue) > 0
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalogue_matches_its_source(domain):
    source = polib.pofile(str(LOCALE / f"{domain}.po"))
    compiled = polib.mofile(str(LOCALE / f"{domain}.mo"))

    def pairs(catalogue):
        return {
            (entry.msgctxt, entry.msgid): (
                entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
            )
            for entry in catalogue
            if entry.msgid and not entry.obsolete
        }

    assert pairs(compiled) == pairs(source), "run `make messages` and commit the .mo"


@pytest.mark.parametrize("domain", DOMAINS)
def test_dutch_says_je_not_u(domain):
    catalogue = polib.pofile(str(LOCALE / f"{domain}.po"))
    formal = [
        text
        for entry in catalogue
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if FORMAL.search(text)
    ]
    assert formal == []


def test_no_installed_apps_dutch_replaces_djangos_own_words():
    """An installed app's catalogue comes before Django's own: its Dutch for one of
    Django's messages would replace Django's in every form (Django REST framework's
    "Dit veld is vereist." for "Dit veld is verplicht."). Ours, which comes first,
    names Django's words for every such message."""
    from pathlib import Path

    import django
    from django.apps import apps

    def catalogue(path: Path) -> dict[str, str]:
        if not path.exists():
            return {}
        return {entry.msgid: entry.msgstr for entry in polib.mofile(str(path)) if entry.msgstr}

    core_root = Path(django.__file__).parent
    core = catalogue(core_root / "conf" / "locale" / "nl" / "LC_MESSAGES" / "django.mo")
    for app in apps.get_app_configs():
        if Path(app.path).is_relative_to(core_root):
            core |= catalogue(Path(app.path) / "locale" / "nl" / "LC_MESSAGES" / "django.mo")
    ours = catalogue(LOCALE / "django.mo")
    replaced = {}
    for app in apps.get_app_configs():
        if Path(app.path).is_relative_to(core_root) or Path(app.path).parent == settings.BASE_DIR:
            continue  # Django's, or one of ours
        theirs = catalogue(Path(app.path) / "locale" / "nl" / "LC_MESSAGES" / "django.mo")
        for msgid, text in theirs.items():
            if msgid in core and core[msgid] != text and ours.get(msgid) != core[msgid]:
                replaced[msgid] = (app.label, text, core[msgid])
    assert replaced == {}
