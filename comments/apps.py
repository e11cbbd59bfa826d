from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")

    def ready(self) -> None:
        from comments.forms import issue_timestamp
        from comments.services import next_scheduled_change
        from denhaag_cms import pagecache

        pagecache.register_schedule(next_scheduled_change)
        # The comment form's signed timestamp is the visitor's own, also on cached pages.
        pagecache.register_hole("comment-form-issued", lambda _r, arg: issue_timestamp(int(arg)))
