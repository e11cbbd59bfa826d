from django.urls import path
from django.utils.translation import pgettext_lazy

from comments import views

app_name = "comments"

urlpatterns = [
    path(pgettext_lazy("url", "reactions/<int:thread_id>/post/"), views.post_comment, name="post"),
    path(pgettext_lazy("url", "reactions/<int:thread_id>/thanks/"), views.thanks, name="thanks"),
    path(pgettext_lazy("url", "reactions/<int:thread_id>/close/"), views.close, name="close"),
    path(pgettext_lazy("url", "reactions/<int:thread_id>/reopen/"), views.reopen, name="reopen"),
]
