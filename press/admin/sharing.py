"""Share links under embargo, made and revoked from the release's admin
(press.sharelinks)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from press import sharelinks
from press.admin.common import can_publish
from press.admin.transitions import status_text
from press.models import PressRelease, ShareLink
from press.sharelinks import may_share


class VersionChoiceField(forms.ModelChoiceField):
    """A saved version of a release, named by when it was saved, its status and title."""

    def label_from_instance(self, obj) -> str:
        saved = date_format(timezone.localtime(obj.history_date), "j F Y H:i")
        return f"{saved} – {status_text(obj.status, obj.publish_at)} – {obj.title}"


class ShareLinkForm(forms.ModelForm):
    expires_at = forms.DateTimeField(
        label=capfirst(_("valid until")),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        help_text=_("Amsterdam time. By default the moment of publication."),
    )

    version = VersionChoiceField(
        label=_("Which text"),
        queryset=None,
        required=False,
        empty_label=_("The current text (follows every change until publication)"),
        help_text=_("Or one saved version: the link then shows that text, whatever changes."),
    )

    class Meta:
        model = ShareLink
        fields = ["label", "language", "expires_at", "version"]

    def __init__(self, *args, release: PressRelease, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.release = release
        self.fields["version"].queryset = sharelinks.versions_to_pin(release)

    def clean_expires_at(self):
        # The field shows minutes, so the default (the moment of publication, with its
        # seconds) comes back cut to its minute: that minute means the moment itself,
        # or the link would end up to a minute before the release is public.
        value = sharelinks.at_publication_if_same_minute(
            self.release, self.cleaned_data["expires_at"]
        )
        sharelinks.check_expiry(value)  # the service's rule, shown at its field
        return value


class RevokeShareLinkForm(forms.Form):
    """The revoke button's value: a link's id (a number a row can have), or a 404."""

    revoke = forms.IntegerField(min_value=1, max_value=2**63 - 1)


class ShareLinksAdmin:
    """The release admin's share links: the link to them and their page."""

    @admin.display(description=_("share links"))
    def share_links_link(self, obj: PressRelease) -> str:
        if not obj.pk:
            return _("Save the release to share it under embargo.")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:press_pressrelease_sharelinks", args=[obj.pk]),
            _("Share links under embargo (%(count)s)") % {"count": obj.share_links.count()},
        )

    # -- share links under embargo (press.sharelinks) ---------------------------------

    def share_links_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Make, list and revoke a release's share links. The full address of a new
        link is shown once, in the answer to the POST that made it: only its hash is
        stored. Who may make them and for how long is press.sharelinks' say
        (create_share_link); who may revoke one too (may_revoke, in every status)."""
        release = self.get_object(request, unquote(object_id))
        if release is None or not self.has_view_permission(request, release):
            raise Http404(_("This press release does not exist."))
        links = list(release.share_links.select_related("created_by", "version"))
        for link in links:
            link.release = release
            link.revocable = not link.is_revoked and sharelinks.may_revoke(request.user, link)
        allowed = may_share(request.user, release)
        if not (allowed or can_publish(request) or any(link.revocable for link in links)):
            raise PermissionDenied
        form = ShareLinkForm(
            initial={"expires_at": sharelinks.default_expiry(release)}, release=release
        )
        new_urls = []
        if request.method == "POST" and "revoke" in request.POST:
            chosen = RevokeShareLinkForm(request.POST)
            pk = chosen.cleaned_data["revoke"] if chosen.is_valid() else None
            link = next((link for link in links if link.pk == pk), None)
            if link is None:
                raise Http404(_("This share link does not exist."))
            if not sharelinks.may_revoke(request.user, link):
                raise PermissionDenied
            sharelinks.revoke(link)
            self.message_user(
                request, _("The link for “%(label)s” is revoked.") % {"label": link.label}
            )
            return HttpResponseRedirect(request.path)
        if request.method == "POST":
            if not allowed:
                raise PermissionDenied
            form = ShareLinkForm(request.POST, release=release)
            try:
                link, token = (
                    sharelinks.create_share_link(release, **form.cleaned_data, user=request.user)
                    if form.is_valid()
                    else (None, "")
                )
            except ValidationError as error:  # the moment passed between check and save
                form.add_error("expires_at", error)
                link = None
            if link is not None:
                new_urls = sharelinks.share_urls(link, token)
                form = ShareLinkForm(
                    initial={"expires_at": sharelinks.default_expiry(release)}, release=release
                )
                links.insert(0, link)
                link.revocable = True
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": release,
            "title": _("Share links for “%(title)s”") % {"title": release.title},
            "release": release,
            "may_share": allowed,
            "form": form,
            "new_urls": new_urls,
            "links": links,
            "max_days": settings.SHARE_LINK_MAX_DAYS,
        }
        response = TemplateResponse(request, "admin/press/pressrelease/share_links.html", context)
        response["Cache-Control"] = "private, no-store"
        return response
