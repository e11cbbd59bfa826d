"""The release admin's status changes: the status select, the list actions and the
confirmation pages. Every change goes to the workflow; these only ask it."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from press import workflow
from press.admin.common import Status
from press.admin.release_forms import TransitionForm
from press.models import PressRelease
from press.models.translated import LANGUAGE_CODES


def scheduled_moment(moment) -> str:
    """A scheduled publication moment as the list and the messages show it."""
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")


def status_text(status: str, publish_at) -> str:
    """A release's status as the editors read it, in the list and on the form: a
    published release whose moment is still to come is "Scheduled (<moment>)"."""
    if status == Status.PUBLISHED and publish_at is not None and publish_at > timezone.now():
        return _("Scheduled (%(moment)s)") % {"moment": scheduled_moment(publish_at)}
    return Status(status).label


def transition_done(name: str, release: PressRelease, note: str = "") -> str:
    """What a status change of one release did, said to whoever made it."""
    params = {"release": str(release), "note": note.strip()}
    if name == "publish" and release.is_scheduled:
        params["moment"] = scheduled_moment(release.publish_at)
        return (
            _("“%(release)s” is scheduled for %(moment)s: it goes public then by itself.") % params
        )
    if name == "send_back" and params["note"]:
        return _("“%(release)s” was sent back to draft with your note: %(note)s") % params
    messages_by_name = {
        "submit": _("“%(release)s” was submitted: it now waits for a chief editor's review."),
        "send_back": _("“%(release)s” was sent back to draft."),
        "publish": _("“%(release)s” is published: readers see it now."),
        "withdraw": _(
            "“%(release)s” was withdrawn; readers now see the explanation instead of the release."
        ),
        "to_draft": _("“%(release)s” was taken back to draft: readers no longer see it."),
    }
    return messages_by_name[name] % params


class TransitionsAdmin:
    """The release admin's part of the workflow."""

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # After a status change made on the change form, the form's "saved" message
        # says what the change did instead (transition_done).
        done = getattr(request, "_workflow_done", None)
        if done is not None and level == messages.SUCCESS:
            del request._workflow_done
            message = done
        return super().message_user(request, message, level, *args, **kwargs)

    # -- who may do what --------------------------------------------------------

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return workflow.may_make(request.user, "publish")

    def has_submit_permission(self, request: HttpRequest) -> bool:
        return workflow.may_make(request.user, "submit")

    def has_send_back_permission(self, request: HttpRequest) -> bool:
        return workflow.may_make(request.user, "send_back")

    def has_withdraw_permission(self, request: HttpRequest) -> bool:
        return workflow.may_make(request.user, "withdraw")

    def has_to_draft_permission(self, request: HttpRequest) -> bool:
        return workflow.may_make(request.user, "to_draft")

    # -- workflow: status select, actions, confirmation pages ----------------------
    # Every status change goes to press.workflow.change_status (one table of
    # transitions); these methods only ask it and show its answer.

    @staticmethod
    def current_status(obj: PressRelease | None) -> str:
        """The status in the database (a history revert's instance has an old one)."""
        if obj is None or obj.pk is None:
            return Status.DRAFT
        current = PressRelease.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
        return current or Status.DRAFT

    def status_choices(self, request: HttpRequest, obj: PressRelease | None) -> list:
        source = self.current_status(obj)
        # The status as the list shows it (a scheduled release reads "Scheduled"), from
        # the database like the status itself.
        publish_at = (
            PressRelease.objects.filter(pk=obj.pk).values_list("publish_at", flat=True).first()
            if obj is not None and obj.pk is not None
            else None
        )
        current = status_text(source, publish_at)
        choices = [(source, _("%(status)s (unchanged)") % {"status": current})]
        for transition in workflow.transitions_from(source, request.user):
            label = transition.label
            if transition.note == workflow.Note.EXPLANATION:
                label = _("%(step)s… (asks for confirmation)") % {"step": label}
            choices.append((transition.target, label))
        return choices

    def save_through_workflow(self, request: HttpRequest, obj: PressRelease, form) -> None:
        """Save the form's release; a status change goes through the workflow.

        Withdrawing is confirmed on its own page (with its public explanation): the
        other changes are saved, the status not yet, and response_change goes there.
        """
        target = obj.status
        source = self.current_status(obj)
        note = form.cleaned_data.get("workflow_note", "")
        if target in (source, Status.WITHDRAWN):
            obj._withdraw_requested = target != source
            workflow.save_edit(
                obj,
                user=request.user,
                note=note,
                change_note=form.change_note(),
                alert=bool(form.cleaned_data.get("alert_subscribers")),
            )
            if target == source and obj.is_scheduled and "publish_at" in form.changed_data:
                request._workflow_done = transition_done("publish", obj)  # rescheduled
        else:
            transition = workflow.change_status(obj, target, user=request.user, note=note)
            request._workflow_done = transition_done(transition.name, obj, note)

    def response_change(self, request: HttpRequest, obj: PressRelease):
        if getattr(obj, "_withdraw_requested", False):
            self.message_user(
                request,
                _("Your changes are saved. Confirm the withdrawal and explain it to readers."),
                messages.WARNING,
            )
            return redirect(self.transition_url(obj, "withdraw"))
        return super().response_change(request, obj)

    def transition_url(self, obj: PressRelease, name: str) -> str:
        return reverse("admin:press_pressrelease_transition", args=[obj.pk, name])

    def transition_view(self, request: HttpRequest, object_id: str, name: str):
        """One status change of one release, confirmed, with its note or explanation."""
        transition = workflow.TRANSITIONS_BY_NAME.get(name)
        obj = self.get_object(request, unquote(object_id))
        if transition is None or obj is None:
            raise Http404(_("This page does not exist."))
        if not transition.allowed_for(request.user):
            raise PermissionDenied
        return self.confirm_transition(request, transition, [obj], single=True)

    def confirm_transition(self, request: HttpRequest, transition, releases, *, single=False):
        """The confirmation page of a status change (for the list action and for one
        release); on a confirmed POST, the change itself."""
        confirmed = request.POST.get("post") == "yes"
        form = TransitionForm(request.POST if confirmed else None, transition=transition)
        if not confirmed and transition.note == workflow.Note.EXPLANATION and single:
            form.initial = {
                f"explanation_{code}": getattr(releases[0], f"withdrawal_notice_{code}", "")
                for code in LANGUAGE_CODES
            }
        if confirmed and form.is_valid():
            changed, refused, moved = 0, [], []
            for release in releases:
                try:
                    workflow.change_status(
                        release,
                        transition.target,
                        user=request.user,
                        note=form.cleaned_data.get("note", ""),
                        explanation=form.explanations(),
                    )
                    changed += 1
                    moved.append(release)
                except (workflow.WorkflowError, PermissionDenied) as problem:
                    reason = " ".join(getattr(problem, "messages", [str(problem)]))
                    refused.append(f"{release}: {reason}")
            if single and changed:
                self.message_user(
                    request,
                    transition_done(
                        transition.name, releases[0], form.cleaned_data.get("note", "")
                    ),
                    messages.SUCCESS,
                )
            else:
                self.report_transition(request, transition, changed, refused, moved)
            if single:
                return redirect(reverse("admin:press_pressrelease_change", args=[releases[0].pk]))
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": transition.label,
            "transition": transition,
            "releases": releases,
            "form": form,
            "single": single,
            "opts": self.model._meta,
            "action_name": request.POST.get("action", ""),
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/press/pressrelease/transition.html", context)

    def report_transition(
        self, request: HttpRequest, transition, changed: int, refused, changed_releases=()
    ) -> None:
        """Say how many releases `transition` changed (`changed_releases`: which, where
        known) and which were refused."""
        done = {
            "submit": ngettext_lazy(
                "%(count)d press release submitted for review.",
                "%(count)d press releases submitted for review.",
                "count",
            ),
            "send_back": ngettext_lazy(
                "%(count)d press release sent back to draft.",
                "%(count)d press releases sent back to draft.",
                "count",
            ),
            "publish": ngettext_lazy(
                "%(count)d press release published.",
                "%(count)d press releases published.",
                "count",
            ),
            "withdraw": ngettext_lazy(
                "%(count)d press release withdrawn; readers now see the explanation "
                "instead of the release.",
                "%(count)d press releases withdrawn; readers now see the explanation "
                "instead of the releases.",
                "count",
            ),
            "to_draft": ngettext_lazy(
                "%(count)d press release taken back to draft.",
                "%(count)d press releases taken back to draft.",
                "count",
            ),
        }[transition.name]
        # Published with a moment still to come: not public yet, and said so apart.
        scheduled = [
            _("“%(release)s” on %(moment)s")
            % {"release": release, "moment": scheduled_moment(release.publish_at)}
            for release in changed_releases
            if transition.name == "publish" and release.is_scheduled
        ]
        if changed - len(scheduled) or not scheduled:
            self.message_user(
                request, done % {"count": changed - len(scheduled)}, messages.SUCCESS
            )
        if scheduled:
            self.message_user(
                request,
                _("Scheduled, public by itself at the moment set: %(releases)s")
                % {"releases": "; ".join(scheduled)},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                _("Not changed: %(releases)s") % {"releases": "; ".join(refused)},
                messages.WARNING,
            )

    def run_transition_action(self, request: HttpRequest, queryset: QuerySet, name: str):
        transition = workflow.TRANSITIONS_BY_NAME[name]
        releases = list(queryset)
        # Publishing needs nothing more; the others ask for their note, explanation or
        # confirmation first.
        if transition.note == workflow.Note.NONE or name == "publish":
            before = {release.pk: release.status for release in releases}
            changed = workflow.apply_to_many(releases, transition.target, user=request.user)
            # apply_to_many leaves each release it changed in its new status.
            moved = [release for release in releases if release.status != before[release.pk]]
            self.report_transition(request, transition, changed, [], moved)
            return None
        return self.confirm_transition(request, transition, releases)

    @admin.action(description=_("Submit for review"), permissions=["submit"])
    def submit_for_review(self, request: HttpRequest, queryset: QuerySet):
        return self.run_transition_action(request, queryset, "submit")

    @admin.action(description=_("Send back to draft with a note"), permissions=["send_back"])
    def send_back(self, request: HttpRequest, queryset: QuerySet):
        return self.run_transition_action(request, queryset, "send_back")

    @admin.action(
        description=_("Publish (now, or at the publication date set)"), permissions=["publish"]
    )
    def publish_now(self, request: HttpRequest, queryset: QuerySet):
        return self.run_transition_action(request, queryset, "publish")

    @admin.action(description=_("Withdraw…"), permissions=["withdraw"])
    def withdraw(self, request: HttpRequest, queryset: QuerySet):
        return self.run_transition_action(request, queryset, "withdraw")

    @admin.action(description=_("Back to draft"), permissions=["to_draft"])
    def to_draft(self, request: HttpRequest, queryset: QuerySet):
        return self.run_transition_action(request, queryset, "to_draft")

    @admin.display(description=_("Notes with status changes"))
    def workflow_notes(self, obj: PressRelease) -> str:
        if not obj.pk:
            return "–"
        versions = (
            obj.history.exclude(history_change_reason__isnull=True)
            .exclude(history_change_reason="")
            .select_related("history_user")
            .order_by("-history_date")[:20]
        )
        rows = [
            (
                date_format(timezone.localtime(version.history_date), "j F Y H:i"),
                version.history_user or _("unknown"),
                Status(version.status).label,
                version.history_change_reason,
            )
            for version in versions
        ]
        if not rows:
            return _("No notes yet.")
        return format_html(
            '<ul class="workflow-notes">{}</ul>',
            format_html_join("", "<li><strong>{}</strong>, {} ({}): {}</li>", rows),
        )
