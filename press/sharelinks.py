"""Embargoed share links: who may make them, making, revoking and opening them.

The model is press.models.ShareLink; the admin's pages are in press.admin
(PressReleaseAdmin.share_links_view), the public page is press.views.embargo.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from press.models import PressRelease, ShareLink
from press.models.sharelink import token_hash
from press.models.translated import LANGUAGE_CODES
from press.previews import absolute
from press.workflow import may_edit, may_make


def may_share(user, release: PressRelease) -> bool:
    """Chief editors share any release that is not public yet; editors only their own
    draft (or one in review). Nobody shares a public or withdrawn release."""
    if not user.is_active or not user.is_staff:
        return False
    if release.is_published() or release.is_withdrawn:
        return False
    if may_make(user, "publish"):  # chief editors: the workflow's table says who
        return True
    # Editors: their own release while it is still theirs to change (the workflow's
    # may_edit: a draft or one in review).
    return release.created_by_id == user.pk and may_edit(user, release.status)


def may_revoke(user, link: ShareLink) -> bool:
    """Who may end a link, in every status of its release (also once it is public or
    withdrawn): who may share the release now, chief editors always, and whoever
    made the link."""
    if not user.is_active or not user.is_staff:
        return False
    return (
        may_make(user, "publish") or link.created_by_id == user.pk or may_share(user, link.release)
    )


def latest_expiry(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) + dt.timedelta(days=settings.SHARE_LINK_MAX_DAYS)


def check_expiry(expires_at: dt.datetime, now: dt.datetime | None = None) -> None:
    """ValidationError (in the user's language) unless `expires_at` is in the future
    and at most SHARE_LINK_MAX_DAYS away. Asked by create_share_link and the admin's
    form (its field error)."""
    now = now or timezone.now()
    if expires_at <= now:
        raise ValidationError(gettext("Choose a moment in the future."), code="past")
    if expires_at > latest_expiry(now):
        raise ValidationError(
            gettext("A share link is valid for at most %(days)s days.")
            % {"days": settings.SHARE_LINK_MAX_DAYS},
            code="too_long",
        )


def default_expiry(release: PressRelease, now: dt.datetime | None = None) -> dt.datetime:
    """The release's publication moment when it is scheduled (within the maximum),
    otherwise SHARE_LINK_DEFAULT_DAYS from now."""
    now = now or timezone.now()
    if release.publish_at is not None and release.publish_at > now:
        return min(release.publish_at, latest_expiry(now))
    return min(now + dt.timedelta(days=settings.SHARE_LINK_DEFAULT_DAYS), latest_expiry(now))


def at_publication_if_same_minute(release: PressRelease, expires_at: dt.datetime) -> dt.datetime:
    """`expires_at` as typed to the minute: the release's moment of publication if that
    falls in the same minute (a link valid "until publication" stays valid until the
    release is public, when it leads to its page), otherwise as it is."""
    moment = release.publish_at
    if moment is not None and expires_at == moment.replace(second=0, microsecond=0):
        return moment
    return expires_at


def versions_to_pin(release: PressRelease):
    """The saved versions of `release` a link may show instead of its current text,
    the newest first: of versions saved one after the other with the same text (a
    status change, a save without an edit), the last one only."""
    records = list(release.history.order_by("history_date", "history_id"))
    fields = [
        f"{name}_{code}"
        for name in (*PressRelease.text_fields, "hero_alt")
        for code in LANGUAGE_CODES
    ] + ["dateline", "hero_image", "hero_credit"]

    def text(record) -> tuple:
        return tuple(getattr(record, name, None) or "" for name in fields)

    kept = [
        record.history_id
        for record, newer in zip(records, [*records[1:], None], strict=True)
        if newer is None or text(newer) != text(record)
    ]
    return release.history.filter(history_id__in=kept).order_by("-history_date", "-history_id")


def create_share_link(
    release: PressRelease,
    *,
    label: str,
    language: str,
    expires_at: dt.datetime,
    user,
    version=None,
) -> tuple[ShareLink, str]:
    """A new link and its token. The token is returned once and never stored.
    `version`: a saved version of this release (its history) whose text the link
    shows; None: the link follows the current text.

    The rules are here, whoever asks: PermissionDenied unless `user` may share the
    release (may_share), ValidationError unless the expiry is in the future and
    within SHARE_LINK_MAX_DAYS (check_expiry); both with a message in the user's
    language."""
    if version is not None and version.id != release.pk:
        raise ValueError("A share link shows a version of its own release only.")
    if user is None or not may_share(user, release):
        raise PermissionDenied(
            gettext(
                "You may not share this press release: it is public or withdrawn, "
                "or not yours to share."
            )
        )
    check_expiry(expires_at)
    token = secrets.token_urlsafe(32)
    link = ShareLink.objects.create(
        release=release,
        token_hash=token_hash(token),
        label=label,
        language=language,
        expires_at=expires_at,
        created_by=user,
        version=version,
    )
    return link, token


# The text a pinned link shows from its version; the release's themes, links,
# attachments and contacts are the current ones.
PINNED_FIELDS = [f"{name}_{code}" for name in ("title", "lead", "body") for code in LANGUAGE_CODES]


def text_for(link: ShareLink) -> PressRelease:
    """The release as the link shows it: with the text of its pinned version, if any
    (on the instance only, never saved)."""
    release = link.release
    if link.version is not None:
        for name in [*PINNED_FIELDS, "dateline"]:
            setattr(release, name, getattr(link.version, name))
    return release


def share_urls(link: ShareLink, token: str) -> list[tuple[str, str]]:
    """(language name, full address) for each language the link opens in."""
    names = dict(settings.LANGUAGES)
    result = []
    for code in link.languages():
        with translation.override(code):
            result.append((str(names[code]), absolute(reverse("press:embargo", args=[token]))))
    return result


def revoke(link: ShareLink) -> None:
    """End one link (ShareLinkQuerySet.revoke, which change_status asks for all of a
    release's links when it leaves its publication)."""
    ShareLink.objects.filter(pk=link.pk).revoke()
    link.refresh_from_db(fields=["revoked_at"])


def find_link(token: str, code: str) -> ShareLink | None:
    """The link with this token that opens in language `code`, unless it is revoked;
    or None (unknown, revoked, another language: the caller answers 404 for all).
    An expired link is returned: once its release is public it still leads there
    (by default a link expires at the moment of publication), before that it is a
    404 too (ShareLink.is_active)."""
    link = (
        ShareLink.objects.not_revoked()
        .for_token(token)
        .select_related("release", "version")
        .first()
    )
    if link is None or not link.opens_in(code):
        return None
    return link
