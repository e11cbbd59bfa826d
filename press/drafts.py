"""Preview of the admin form's current content, before it is saved, in either language.

The change form and the add form post themselves (all fields, the inlines too) to
``start`` (a submit button with ``formaction``, no script). The content is kept in
the editor's session under a random key, and the browser is sent on to ``show`` in
the chosen language: a GET address, so the preview's language switch leads to the
same unsaved content in the other language, still in preview.

``show`` runs the admin's own form and inlines on that content and saves it inside a
transaction that is always rolled back: the page is the real article template with
the real release, themes, links and contacts, and nothing of it stays. Files are the
exception: a newly chosen image or attachment is not stored for a preview (the
preview shows the stored ones).

Staff with view permission only; never cached, never indexed.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

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
    request.session[SESSION_PREFIX + key] = {"release": release_id, "data": data}
    return private_response(HttpResponseRedirect(draft_preview_url(key, code), status=303))


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
                release_context(request, shown, preview=True, urls=urls) | {"draft_preview": True},
            )
            raise _Rollback
    except _Rollback:
        pass
    return private_response(response)
