"""Searching press releases: the words of a query, and one small strategy per database.

`PressReleaseQuerySet.search()` hands its queryset to `search()` here, which picks the
strategy for the queryset's database:

- PostgreSQL (`FullTextSearch`): full-text search with stemming per language (the
  `dutch` configuration for the Dutch fields, `english` for the English ones) and
  prefix matching on every word, ranked by relevance, over the stored, GIN-indexed
  column of migration press/0005_search_vector. Each result carries `search_snippet`:
  a headline of its text in the reader's language (Dutch when the release has no
  translation) in which SEARCH_MARK_START / SEARCH_MARK_STOP surround the matching
  words (the `search_snippet` template filter renders them).
- Any other database (`WordMatch`, SQLite in development): every word must occur in
  the title, lead or body of some language; newest first; the snippet is empty.

A query without any word (only punctuation, emoji …) finds nothing.
"""

from __future__ import annotations

import re
from typing import Protocol

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connections, models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat

from press.models.translated import LANGUAGE_CODES, untranslated_q

# The PostgreSQL text search configuration of each language's fields.
SEARCH_CONFIGS = {"nl": "dutch", "en": "english"}
SEARCH_MAX_WORDS = 10
# Private-use characters around the matching words of a search snippet: they never
# occur in a press release, and the template filter turns only them into <mark>.
SEARCH_MARK_START = "\ue000"
SEARCH_MARK_STOP = "\ue001"
# The rich-text fields searched, with their full-text weights.
SEARCHED_FIELDS = {"title": "A", "lead": "B", "body": "C"}

_WORD = re.compile(r"[^\W_]+")


def search_words(query: str) -> list[str]:
    """The words of a search query: runs of letters and digits, lower case.

    Everything else (quotes, operators such as & | ! : * ( ) < >, emoji) only
    separates words, so nothing of the query's syntax reaches the database.
    """
    return [word.lower() for word in _WORD.findall(query)][:SEARCH_MAX_WORDS]


def search(queryset: models.QuerySet, query: str, language: str | None) -> models.QuerySet:
    """The releases of `queryset` that match every word of `query` (see module doc)."""
    words = search_words(query)
    if not words:
        return queryset.none()
    return strategy_for(queryset).search(queryset, words, language)


class SearchStrategy(Protocol):
    def search(
        self, queryset: models.QuerySet, words: list[str], language: str | None
    ) -> models.QuerySet: ...


class WordMatch:
    """Every word somewhere in a title, lead or body; newest first; no snippet."""

    def search(
        self, queryset: models.QuerySet, words: list[str], language: str | None
    ) -> models.QuerySet:
        for word in words:
            queryset = queryset.filter(self.contains(word))
        return queryset.annotate(
            search_snippet=models.Value("", output_field=models.TextField())
        ).order_by("-publish_at", "-pk")

    @staticmethod
    def contains(word: str) -> models.Q:
        match = models.Q()
        for name in SEARCHED_FIELDS:
            for code in LANGUAGE_CODES:
                match |= models.Q(**{f"{name}_{code}__icontains": word})
        return match


class FullTextSearch:
    """PostgreSQL full-text search on the stored search column, ranked, with snippets."""

    def search(
        self, queryset: models.QuerySet, words: list[str], language: str | None
    ) -> models.QuerySet:
        # Only letters and digits reach the tsquery, and as a bound parameter.
        raw = " & ".join(f"{word}:*" for word in words)
        queries = {
            code: SearchQuery(raw, search_type="raw", config=config)
            for code, config in SEARCH_CONFIGS.items()
        }
        combined = queries[settings.LANGUAGE_CODE]
        for code, code_query in queries.items():
            if code != settings.LANGUAGE_CODE:
                combined |= code_query
        return (
            queryset.alias(search_document=stored_search_document(queryset.model))
            .filter(search_document=combined)
            .alias(search_rank=SearchRank(models.F("search_document"), combined))
            .annotate(search_snippet=self.snippet(queries, language))
            .order_by("-search_rank", "-publish_at", "-pk")
        )

    @staticmethod
    def snippet(queries: dict[str, SearchQuery], language: str | None) -> models.Expression:
        """The headline in `language`; in Dutch for a release not translated into it."""
        default = settings.LANGUAGE_CODE
        dutch = headline(default, queries[default])
        if language not in SEARCH_CONFIGS or language == default:
            return dutch
        return models.Case(
            models.When(untranslated_q(language), then=dutch),
            default=headline(language, queries[language]),
        )


STRATEGIES: dict[str, SearchStrategy] = {"postgresql": FullTextSearch()}
DEFAULT_STRATEGY: SearchStrategy = WordMatch()


def strategy_for(queryset: models.QuerySet) -> SearchStrategy:
    return STRATEGIES.get(connections[queryset.db].vendor, DEFAULT_STRATEGY)


def stored_search_document(model) -> RawSQL:
    """The release's search document as PostgreSQL stores it (migration
    press/0005_search_vector: a generated column with a GIN index): title (weight A),
    lead (B) and body (C), the Dutch fields with the `dutch` configuration, the
    English ones with `english`. tests/press/test_search.py checks the column against
    that description."""
    return RawSQL(
        f'"{model._meta.db_table}"."search_vector"', [], output_field=SearchVectorField()
    )


class PlainText(models.Func):
    """A rich-text field without its tags, with the entities press.sanitize writes
    (&lt; &gt; &nbsp; &amp;) turned back into characters. One template rather than
    five nested expressions: a search compiles it on every request."""

    template = (
        "REPLACE(REPLACE(REPLACE(REPLACE("
        "REGEXP_REPLACE(%(expressions)s, '<[^>]*>', ' ', 'g'), "
        "'&lt;', '<'), '&gt;', '>'), '&nbsp;', '\u00a0'), '&amp;', '&')"
    )
    output_field = models.TextField()


def headline(code: str, query: SearchQuery) -> SearchHeadline:
    """The passages of a release's lead and body (in language `code`) that match."""
    # Concat() treats NULL as an empty string.
    document = Concat(
        f"lead_{code}",
        models.Value(" \n "),
        PlainText(f"body_{code}"),
        output_field=models.TextField(),
    )
    return SearchHeadline(
        document,
        query,
        config=SEARCH_CONFIGS[code],
        start_sel=SEARCH_MARK_START,
        stop_sel=SEARCH_MARK_STOP,
        max_words=30,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
