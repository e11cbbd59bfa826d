"""Public change notes: what a correction of a published release changed, in words
the readers see under the release's date ("Bijgewerkt op …")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from denhaag_cms.changes import WatchedQuerySet
from press.models.translated import HasLanguages


class ChangeNote(HasLanguages, models.Model):
    """A public note on a change to a published release, made by
    press.workflow.save_edit (one place) with the version it came with."""

    release = models.ForeignKey(
        "press.PressRelease",
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="change_notes",
    )
    # Translated (press.translation): text_nl always, text_en when the release has
    # English.
    text = models.TextField(_("change note"))
    noted_at = models.DateTimeField(_("noted at"), db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The version of the release saved with the note (its full text). PROTECT: a
    # version that carries a public note is never deleted from the history.
    version = models.ForeignKey(
        "press.HistoricalPressRelease",
        verbose_name=_("version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    alert_requested = models.BooleanField(_("sent as an alert"), default=False)

    objects = WatchedQuerySet.as_manager()

    text_fields = ("text",)

    class Meta:
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")
        ordering = ["-noted_at", "-pk"]

    def __str__(self) -> str:
        return self.text
