from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")

    def ready(self) -> None:
        from comments.forms import issue_timestamp
        from comments.models import Comment, Thread
        from comments.services import next_scheduled_change
        from denhaag_cms import changes, pagecache

        changes.register_schedule(next_scheduled_change)
        # What public pages show (denhaag_cms.changes): any write to these changes them.
        # A reaction's e-mail address and IP hash are never shown (and are erased after
        # the retention period).
        changes.watch(Thread)
        changes.watch(Comment, hidden=["email", "ip_hash"])
        # The comment form's signed timestamp is the visitor's own, also on cached pages.
        pagecache.register_hole("comment-form-issued", lambda _r, arg: issue_timestamp(int(arg)))
