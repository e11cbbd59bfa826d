"""What the public saw, earlier versions, and reading a release without the right to
change it."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from press import history
from press.admin.transitions import status_text
from press.models import ChangeNote, PressRelease


class PublicOnForm(forms.Form):
    on = forms.DateTimeField(
        label=_("What did the public see on"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M", "%Y-%m-%d"],
        help_text=_("Amsterdam time."),
    )


class VersionsAdmin:
    """The release admin's history: earlier versions, the versions the public saw,
    and the read-only page of a release the user may not change."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """An earlier version. Who may change the release now gets simple-history's
        form with its Revert button; who may only read it gets the version rendered
        (never an edit form, never its HTML source), and a revert is refused.

        django-simple-history lets anyone who may *view* the history post a revert; a
        revert is a change, so it needs the right to change the release as it is now
        (the workflow's may_edit; saving asks it again, press.services)."""
        if not version_id.isdigit():  # simple-history's lookup would raise: a 500
            raise Http404(_("This version does not exist."))
        current = self.get_object(request, unquote(object_id))
        if current is not None and self.has_change_permission(request, current):
            return super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" or current is None:
            raise PermissionDenied
        if not self.has_view_permission(request, current):
            raise PermissionDenied
        version = current.history.filter(history_id=version_id).first()
        if version is None:
            raise Http404(_("This version does not exist."))
        return self.read_only_view(request, version.instance, version=version)

    def revert_disabled(self, request, obj=None) -> bool:
        current = self.get_object(request, str(obj.pk)) if obj is not None else None
        return current is None or not self.has_change_permission(request, current)

    def set_history_delta_changes(self, request, historical_records, *args, **kwargs):
        # The history's timeline shows each version's public change note, if any.
        super().set_history_delta_changes(request, historical_records, *args, **kwargs)
        records = {record.history_id: record for record in historical_records}
        for record in records.values():
            record.public_change_notes = []
        for note in ChangeNote.objects.filter(version_id__in=records):
            records[note.version_id].public_change_notes.append(note)

    # -- what the public saw (press.history) ----------------------------------------

    def _viewable_release(self, request: HttpRequest, object_id: str) -> PressRelease:
        release = self.get_object(request, unquote(object_id))
        if release is None or not self.has_view_permission(request, release):
            raise Http404(_("This press release does not exist."))
        return release

    def published_versions_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Every version of the release the public saw, from–until, and which one it
        saw at a moment the office asks about (?on=…)."""
        release = self._viewable_release(request, object_id)
        versions = history.public_versions(release)
        form = PublicOnForm(request.GET if "on" in request.GET else None)
        asked = None
        if form.is_bound and form.is_valid():
            moment = form.cleaned_data["on"]
            asked = {
                "moment": moment,
                "version": next((v for v in versions if v.was_public_at(moment)), None),
            }
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": release,
            "title": _("Published versions of “%(title)s”") % {"title": release.title},
            "versions": versions,
            "form": form,
            "asked": asked,
        }
        # Never cached: admin_view marks it so (never_cache).
        return TemplateResponse(
            request, "admin/press/pressrelease/published_versions.html", context
        )

    def published_version_view(
        self, request: HttpRequest, object_id: str, version_id: int
    ) -> HttpResponse:
        """One version the public saw, rendered read-only in each of its languages."""
        release = self._viewable_release(request, object_id)
        version = next(
            (v for v in history.public_versions(release) if v.record.history_id == version_id),
            None,
        )
        if version is None:
            raise Http404(_("The public never saw this version."))
        record = version.record
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": release,
            "title": _("“%(title)s” as the public saw it") % {"title": record.title},
            "version": version,
            "languages": self.rendered_languages(record.instance),
        }
        # Never cached: admin_view marks it so (never_cache).
        return TemplateResponse(
            request, "admin/press/pressrelease/published_version.html", context
        )

    @admin.display(description=_("published versions"))
    def published_versions_link(self, obj: PressRelease) -> str:
        if not obj.pk:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:press_pressrelease_published_versions", args=[obj.pk]),
            _("What the public saw, version by version"),
        )

    # -- reading without the right to change ----------------------------------------

    def change_view(self, request: HttpRequest, object_id: str, form_url="", extra_context=None):
        if request.method in ("GET", "HEAD"):
            obj = self.get_object(request, unquote(object_id))
            if (
                obj is not None
                and self.has_view_permission(request, obj)
                and not self.has_change_permission(request, obj)
            ):
                return self.read_only_view(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    @staticmethod
    def rendered_languages(obj: PressRelease) -> list[dict]:
        """The release (or a version of it from its history) in each language it is
        written in: title, lead and the rendered body, never its HTML source."""
        return [
            {
                "code": code,
                "name": name,
                "title": getattr(obj, f"title_{code}", ""),
                "lead": getattr(obj, f"lead_{code}", ""),
                # Sanitized on save (press.sanitize): the rendered text, not its source.
                "body": mark_safe(getattr(obj, f"body_{code}", "") or ""),
            }
            for code, name in settings.LANGUAGES
            if obj.has_language(code)
        ]

    def read_only_view(
        self, request: HttpRequest, obj: PressRelease, *, version=None
    ) -> TemplateResponse:
        """A release the user may read but not change (an editor and a published or
        withdrawn release), or an earlier `version` of it (a historical record): the
        release rendered in each language, never its HTML source, with its status,
        notes, preview and history."""
        languages = self.rendered_languages(obj)
        if version is not None:
            title = _("Version of %(moment)s: %(release)s") % {
                "moment": date_format(timezone.localtime(version.history_date), "j F Y H:i"),
                "release": obj,
            }
        else:
            title = _("Read %(release)s") % {"release": obj}
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "original": obj,
            "version": version,
            # As the list and the change form name it ("Scheduled (<moment>)").
            "status_text": status_text(obj.status, obj.publish_at) if version is None else "",
            "change_url": reverse("admin:press_pressrelease_change", args=[obj.pk]),
            "opts": self.model._meta,
            "languages": languages,
            "notes": self.workflow_notes(obj),
            "preview_url": obj.get_preview_url(),
            "history_url": reverse("admin:press_pressrelease_history", args=[obj.pk]),
            "versions_url": reverse("admin:press_pressrelease_published_versions", args=[obj.pk]),
            "public_url": obj.get_absolute_url() if obj.is_published() else "",
        }
        return TemplateResponse(request, "admin/press/pressrelease/read_only.html", context)
