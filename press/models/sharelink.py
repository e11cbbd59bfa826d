"""Embargoed share links: a release read before it is public, without an account.

Only a SHA-256 of the token is stored (the token itself is shown once, when the link
is made); a link is found by that hash, so a database dump opens nothing.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ShareLinkQuerySet(models.QuerySet):
    def not_revoked(self) -> ShareLinkQuerySet:
        return self.filter(revoked_at__isnull=True)

    def for_token(self, token: str) -> ShareLinkQuerySet:
        return self.filter(token_hash=token_hash(token))

    def revoke(self) -> int:
        """Revoke the links that are not revoked yet (now); how many."""
        return self.not_revoked().update(revoked_at=timezone.now())


class ShareLink(models.Model):
    class Language(models.TextChoices):
        BOTH = "both", _("Dutch and English")
        DUTCH = "nl", _("Dutch")
        ENGLISH = "en", _("English")

    release = models.ForeignKey(
        "press.PressRelease",
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="share_links",
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    label = models.CharField(
        _("for whom"),
        max_length=120,
        help_text=_(
            "Whom the link is for, e.g. “NOS, Jan Jansen” or “colleagues at Stadsbeheer”."
        ),
    )
    language = models.CharField(
        _("language"), max_length=4, choices=Language.choices, default=Language.BOTH
    )
    expires_at = models.DateTimeField(_("valid until"))
    # Empty: the link follows the release's current text. Otherwise the saved version
    # whose text (title, lead, body) it shows (press.sharelinks.text_for); PROTECT:
    # a version a link shows stays in the history.
    version = models.ForeignKey(
        "press.HistoricalPressRelease",
        verbose_name=_("version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # How often the link was opened and when last: no address, no browser, nobody.
    open_count = models.PositiveIntegerField(_("opened"), default=0, editable=False)
    last_opened_at = models.DateTimeField(_("last opened"), null=True, blank=True, editable=False)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.label

    def opens_in(self, code: str) -> bool:
        return self.language in (self.Language.BOTH, code)

    def languages(self) -> list[str]:
        return [c for c, _name in settings.LANGUAGES if self.opens_in(c)]

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return not self.is_revoked and not self.is_expired

    def state(self) -> str:
        if self.is_revoked:
            return str(_("revoked"))
        if self.is_expired:
            return str(_("expired"))
        return str(_("active"))

    def record_open(self) -> None:
        """Count an opening in the database (F(): two readers at once both count)."""
        now = timezone.now()
        ShareLink.objects.filter(pk=self.pk).update(
            open_count=F("open_count") + 1, last_opened_at=now
        )
