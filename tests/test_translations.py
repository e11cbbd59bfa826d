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
