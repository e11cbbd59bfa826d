from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class NewsPage(Page):
    """A press release: title (the page's), date, intro and a rich-text body."""

    date = models.DateField("datum")
    intro = models.TextField("inleiding", blank=True)
    body = RichTextField("tekst", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
