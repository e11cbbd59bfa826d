"""A password validator for the words an attacker of a city's newsroom tries first."""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

# Django 5.2's Dutch catalog still has the old wording of MinimumLengthValidator's
# message, so Dutch editors would read it in English: translated in our catalog.
DJANGO_MIN_LENGTH_MESSAGE = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)

# Lower case, without spaces or punctuation ("Den Haag!" counts as "denhaag").
OBVIOUS_WORDS = (
    "denhaag",
    "thehague",
    "haag",
    "hague",
    "sgravenhage",
    "scheveningen",
    "gemeente",
    "municipality",
    "nieuwsbank",
    "nieuws",
    "news",
    "persbericht",
    "pressrelease",
    "press",
    "redactie",
    "redacteur",
    "editor",
    "admin",
    "beheer",
    "password",
    "wachtwoord",
    "welkom",
    "welcome",
    "geheim",
    "secret",
    "zomer",
    "winter",
    "qwerty",
    "azerty",
)


def _letters_and_digits(password: str) -> str:
    text = unicodedata.normalize("NFKD", password).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.lower())


class ObviousWordsPasswordValidator:
    """Refuse passwords made mostly of obvious words ("denhaag-nieuws", "Welkom2026!").

    The words, digits, spaces and punctuation are taken out; fewer than
    ``min_rest`` letters left means the password is little more than those words.
    """

    def __init__(self, min_rest: int = 8, words: tuple[str, ...] = OBVIOUS_WORDS) -> None:
        self.min_rest = min_rest
        # Longest first, so "denhaag" goes before "haag".
        self.words = sorted(words, key=len, reverse=True)

    def words_for_this_site(self) -> list[str]:
        """The list, and the configured organisation's and city's names ("Gemeente
        Utrecht": "gemeenteutrecht", "utrecht"), longest first."""
        names = {_letters_and_digits(settings.CITY_NAME), _letters_and_digits(settings.SITE_NAME)}
        names |= {_letters_and_digits(part) for part in settings.SITE_NAME.split()}
        names = {name for name in names if len(name) >= 4}
        return sorted({*self.words, *names}, key=len, reverse=True)

    def validate(self, password: str, user=None) -> None:
        rest = _letters_and_digits(password)
        for word in self.words_for_this_site():
            rest = rest.replace(word, "")
        rest = re.sub(r"[0-9]", "", rest)
        if len(rest) < self.min_rest:
            raise ValidationError(
                _(
                    "This password is mostly made of words that are easy to guess, such as "
                    "“denhaag”, “gemeente” or “nieuws”. Choose a password that has "
                    "nothing to do with the city or the newsroom."
                ),
                code="password_obvious_words",
            )

    def get_help_text(self) -> str:
        return _(
            "Your password cannot be made of obvious words such as the name of the city, "
            "“gemeente” or “nieuws”."
        )
