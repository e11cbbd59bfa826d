"""Preview of the admin form's current content, before it is saved, in either language.

The change form and the add form post themselves (all fields, the inlines too) to
``start`` (a submit button with ``formaction``, no script). The content is kept in
the editor's session under a random key, and the browser is sent on to ``show`` in
the chosen language: a GET address, so the preview's language switch leads to the
same unsaved content in the other language, still in preview.

``show`` runs the admin's own form and inlines on that content and saves it inside a
transaction that is always rolled back: the page is the real article template with
the real release, themes, links and contacts, and nothing of it stays. Files are the
exception: a newly chosen image or attachment (or one kept across a form error) is
shown from where the kept uploads live (press.forms: purged after a day), served to
the editor by ``file``; so is a stored image whose renditions are not made yet.

Staff with view permission only; never cached, never indexed.
"""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.contrib import admin
from django.core import signing
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    QueryDict,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from press.forms import KEPT_PREFIX, KEPT_SALT, keep_upload
from press.models import Attachment, PressRelease
from press.pages import previewers_only, private_response, release_context, release_prefetch

SESSION_PREFIX = "press-draft-preview:"
# A preview stays reachable while the editor keeps writing, not for ever: the
# session keeps the newest few.
KEPT_PREVIEWS = 5
NOT_POSTED = {"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_preview"}


class _Rollback(Exception):
    """Leaves the preview's transaction without keeping anything."""


def draft_preview_url(key: str, code: str) -> str:
    with translation.override(code):
        return reverse("press:release-draft-preview", kwargs={"key": key})


@require_POST
@previewers_only
def start(request: HttpRequest) -> HttpResponse:
    """Keep the posted form and send the browser to its preview (303, a GET)."""
    release_id = request.GET.get("release") or None
    if release_id is not None:
        if not release_id.isdigit():
            raise Http404(_("This press release does not exist."))
        get_object_or_404(PressRelease, pk=release_id)
    code = request.GET.get("language") or translation.get_language()
    if code not in dict(settings.LANGUAGES):
        code = settings.LANGUAGE_CODE
    key = secrets.token_urlsafe(16)
    # An image kept across a form error (press.forms) stays for the real save: a
    # preview shows stored files only and must not use up the kept copy.
    data = [
        (name, values)
        for name, values in request.POST.lists()
        if name not in NOT_POSTED and not name.endswith(("-kept", "-kept-forget"))
    ]
    kept = [k for k in request.session.keys() if k.startswith(SESSION_PREFIX)]
    for old in kept[: max(0, len(kept) - KEPT_PREVIEWS + 1)]:
        del request.session[old]
    request.session[SESSION_PREFIX + key] = {
        "release": release_id,
        "data": data,
        "files": _chosen_files(request),
    }
    return private_response(HttpResponseRedirect(draft_preview_url(key, code), status=303))


ATTACHMENT_FILE = re.compile(r"attachments-(\d+)-file")


def _is_file_field(name: str) -> bool:
    return name == "hero_image" or ATTACHMENT_FILE.fullmatch(name) is not None


def _chosen_files(request: HttpRequest) -> dict[str, str]:
    """{field name: stored name} of the files this form chose anew (uploaded now, or
    kept across an error): stored where kept uploads live, for the preview to show."""
    chosen = {}
    names = {name for name in request.FILES if _is_file_field(name)}
    names |= {
        name.removesuffix("-kept")
        for name in request.POST
        if name.endswith("-kept") and _is_file_field(name.removesuffix("-kept"))
    }
    for name in sorted(names):
        if request.POST.get(f"{name}-kept-forget"):
            continue
        upload = request.FILES.get(name)
        reference = keep_upload(upload) if upload is not None else request.POST.get(f"{name}-kept")
        try:
            stored = signing.loads(reference, salt=KEPT_SALT)["name"]
        except (signing.BadSignature, KeyError, TypeError):
            continue
        if stored.startswith(KEPT_PREFIX) and ".." not in stored:
            chosen[name] = stored
    return chosen


def _draft_files(key: str, stored: dict, release: PressRelease, data: QueryDict) -> dict:
    """What the article shows of the files in a preview: the image (its original:
    renditions are made after a save) and the attachment rows with a new file."""
    files = stored.get("files") or {}
    context: dict = {}
    if "hero_image" in files and not data.get("hero_image-clear"):
        context["draft_image"] = reverse("press:release-draft-file", args=[key, "hero_image"])
    elif release.hero_image and release.hero_picture is None:
        context["draft_image"] = reverse("press:release-draft-file", args=[key, "hero_image"])
    attachments = []
    for name in files:
        match = ATTACHMENT_FILE.fullmatch(name)
        if match is None or data.get(f"attachments-{match[1]}-DELETE"):
            continue
        code = translation.get_language()
        title = data.get(f"attachments-{match[1]}-title_{code}") or data.get(
            f"attachments-{match[1]}-title_{settings.LANGUAGE_CODE}", ""
        )
        extension = files[name].rsplit(".", 1)[-1].upper() if "." in files[name] else ""
        attachments.append(
            {
                "title": title or _("Attachment"),
                "url": reverse("press:release-draft-file", args=[key, name]),
                "extension": extension,
                "size": _size(files[name]),
            }
        )
    context["draft_attachments"] = attachments
    return context


def _size(name: str) -> int:
    try:
        return default_storage.size(name)
    except OSError:
        return 0


@require_safe
@previewers_only
def file(request: HttpRequest, key: str, name: str) -> HttpResponse:
    """A file the preview `key` shows: chosen in the form and not saved yet, or the
    release's stored image before its renditions are made."""
    stored = request.session.get(SESSION_PREFIX + key)
    if stored is None:
        raise Http404(_("This preview has expired. Preview the release again from its form."))
    path = (stored.get("files") or {}).get(name)
    if path is None and name == "hero_image" and stored["release"] is not None:
        release = PressRelease.objects.filter(pk=stored["release"]).first()
        path = release.hero_image.name if release is not None and release.hero_image else None
    if not path:
        raise Http404(_("This file is not part of the preview."))
    try:
        handle = default_storage.open(path, "rb")
    except OSError:
        raise Http404(_("This file is not part of the preview.")) from None
    return private_response(FileResponse(handle))


def _bound_forms(request: HttpRequest, release: PressRelease | None, data: QueryDict):
    """The admin's form and inline formsets for this user, bound to the content."""
    model_admin = admin.site.get_model_admin(PressRelease)
    change = release is not None
    form_class = model_admin.get_form(request, release, change=change)
    form = form_class(data, {}, instance=release)
    formsets = []
    for formset_class, inline in model_admin.get_formsets_with_inlines(request, release):
        if inline.model is Attachment:
            continue  # files are not stored for a preview
        formsets.append(
            formset_class(
                data,
                {},
                instance=form.instance,
                prefix=formset_class.get_default_prefix(),
                queryset=inline.get_queryset(request),
            )
        )
    return form, formsets


@require_safe
@previewers_only
def show(request: HttpRequest, key: str) -> HttpResponse:
    stored = request.session.get(SESSION_PREFIX + key)
    if stored is None:
        raise Http404(_("This preview has expired. Preview the release again from its form."))
    release = None
    if stored["release"] is not None:
        release = PressRelease.objects.filter(pk=stored["release"]).first()
        if release is None:
            raise Http404(_("This press release does not exist."))
    data = QueryDict(mutable=True)
    for name, values in stored["data"]:
        data.setlist(name, values)
    form, formsets = _bound_forms(request, release, data)
    # Whether the form is valid is asked outside the transaction (the checks read only).
    valid = form.is_valid() and all(formset.is_valid() for formset in formsets)
    if not valid:
        errors = [
            (form.fields[name].label if name in form.fields else "", messages)
            for name, messages in form.errors.items()
        ]
        for formset in formsets:
            errors += [("", messages) for messages in formset.non_form_errors()]
            for row in formset.errors:
                errors += [(name, messages) for name, messages in row.items()]
        return private_response(
            render(request, "press/release_preview_errors.html", {"errors": errors})
        )
    try:
        with transaction.atomic():
            # No files were posted: the image is the stored one (or none, if cleared).
            draft = form.save(commit=False)
            draft.save()
            form.save_m2m()
            for formset in formsets:
                formset.save()
            shown = PressRelease.objects.prefetch_related(*release_prefetch()).get(pk=draft.pk)
            urls = {code: draft_preview_url(key, code) for code, _name in settings.LANGUAGES}
            response = render(
                request,
                "press/release_detail.html",
                release_context(request, shown, preview=True, urls=urls)
                | {"draft_preview": True}
                | _draft_files(key, stored, shown, data),
            )
            raise _Rollback
    except _Rollback:
        pass
    return private_response(response)
