"""The international city networks the city belongs to, and the releases about them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from denhaag_cms.changes import WatchedQuerySet
from press.models.release import PressRelease
from press.models.theme import Theme
from press.models.translated import HasLanguages

# The model's URLField also accepts ftp:// addresses; a network's website is a web page.
# Its own code: a model form would replace an "invalid" message with its field's
# generic "Enter a valid URL.".
validate_web_address = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address that starts with http:// or https://."),
    code="web_address",
)


ONE_MEMBERSHIP_PER_NETWORK = _("This city is already a member of this network.")
ENDS_BEFORE_START = _("A membership cannot end before it started.")


def own_city_lookup(prefix: str = "") -> dict[str, str]:
    """Filter on the city this newsroom belongs to (settings.CITY_NAME).

    CITY_NAME is the city's name in the site's default language ("Den Haag"), so the
    lookup names that language's column: a plain ``name`` would follow the page
    language ("The Hague" on English pages).
    """
    return {f"{prefix}name_{settings.LANGUAGE_CODE}": settings.CITY_NAME}


class CityNetwork(HasLanguages, models.Model):
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(
        _("slug"),
        max_length=160,
        unique=True,
        help_text=_("The network's web address; the same in every language."),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        help_text=_("Who is behind the network, e.g. the Rockefeller Foundation."),
    )
    website = models.URLField(
        _("website"), max_length=500, blank=True, validators=[validate_web_address]
    )
    description = models.TextField(_("description"), blank=True)
    founded_in = models.PositiveSmallIntegerField(
        _("founded in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
        help_text=_("The year the network was founded, if known."),
    )

    objects = WatchedQuerySet.as_manager()

    # Its description; the name is the same in every language.
    text_fields = ("description",)

    class Meta:
        verbose_name = _("city network")
        verbose_name_plural = _("city networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("press:network-detail", kwargs={"slug": self.slug})

    def published_releases(self) -> models.QuerySet[PressRelease]:
        """The public releases linked to any membership of this network, newest first."""
        linked = Membership.releases.through.objects.filter(membership__network=self)
        return (
            PressRelease.objects.published()
            .filter(pk__in=linked.values("pressrelease_id"))
            .for_listing()
        )


class CityQuerySet(WatchedQuerySet):
    def own(self) -> City | None:
        """The city this newsroom belongs to, if it has been entered."""
        return self.filter(**own_city_lookup()).first()


class City(models.Model):
    name = models.CharField(_("name"), max_length=120)
    country = models.CharField(_("country"), max_length=120)

    objects = CityQuerySet.as_manager()

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})" if self.country else self.name


class MembershipQuerySet(WatchedQuerySet):
    def current(self, today: dt.date | None = None) -> MembershipQuerySet:
        """Memberships that have not ended: no end date, or one still to come."""
        today = today or timezone.localdate()
        return self.filter(models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=today))

    def past(self, today: dt.date | None = None) -> MembershipQuerySet:
        today = today or timezone.localdate()
        return self.filter(ended_on__lte=today)

    def of_own_city(self) -> MembershipQuerySet:
        """The memberships of the city this newsroom belongs to (settings.CITY_NAME)."""
        return self.filter(**own_city_lookup("city__"))

    def others_than(self, membership: Membership) -> MembershipQuerySet:
        """The other members of a network, by city name."""
        return self.exclude(pk=membership.pk).select_related("city").order_by("city__name", "pk")

    def for_listing(self) -> MembershipQuerySet:
        return (
            self.select_related("network", "city")
            .prefetch_related("themes")
            .order_by("network__name", "pk")
        )


class Membership(models.Model):
    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("city")
    )
    network = models.ForeignKey(
        CityNetwork,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("network"),
    )
    joined_on = models.DateField(_("joined on"))
    announced_where = models.CharField(
        _("announced where"),
        max_length=200,
        blank=True,
        help_text=_("Where the membership was announced, e.g. “Washington DC en Nairobi”."),
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("focus themes"), related_name="memberships", blank=True
    )
    ended_on = models.DateField(
        _("ended on"),
        null=True,
        blank=True,
        help_text=_("Empty while the city is still a member."),
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Shown to the public on the network's page.")
    )
    releases = models.ManyToManyField(
        PressRelease,
        verbose_name=_("press releases about it"),
        related_name="memberships",
        blank=True,
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["network__name", "joined_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "network"],
                name="unique_membership",
                violation_error_message=ONE_MEMBERSHIP_PER_NETWORK,
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("joined_on")),
                name="membership_ends_after_it_starts",
                violation_error_message=ENDS_BEFORE_START,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city} – {self.network}"

    def clean(self) -> None:
        if self.ended_on and self.joined_on and self.ended_on < self.joined_on:
            raise ValidationError(
                {"ended_on": ENDS_BEFORE_START},
                code="ends_before_start",
            )

    @property
    def is_current(self) -> bool:
        return self.ended_on is None or self.ended_on > timezone.localdate()
