"""City networks: memberships and their rules, in the models and querysets."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from press.models import City, Membership
from press.models.network import (
    ENDS_BEFORE_START,
    ONE_MEMBERSHIP_PER_NETWORK,
    validate_web_address,
)
from tests.conftest import (
    make_city,
    make_membership,
    make_network,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 1, 15)
WEB_ADDRESS_MESSAGE = validate_web_address.message  # lazy: shown in the editor's language


# -- models and querysets ------------------------------------------------------------


def test_current_and_past_memberships(den_haag):
    ongoing = make_membership(den_haag, make_network())
    ending = make_membership(den_haag, make_network(), ended_on=TODAY + dt.timedelta(days=1))
    ended_today = make_membership(den_haag, make_network(), ended_on=TODAY)
    ended = make_membership(den_haag, make_network(), ended_on=dt.date(2019, 7, 31))
    assert set(Membership.objects.current(TODAY)) == {ongoing, ending}
    assert set(Membership.objects.past(TODAY)) == {ended_today, ended}
    assert ongoing.is_current and not ended.is_current


def test_own_city_is_the_configured_city_in_every_language(den_haag, settings):
    rotterdam = make_city("Rotterdam")
    network = make_network()
    own = make_membership(den_haag, network)
    make_membership(rotterdam, network)
    for code in ("nl", "en"):
        with translation.override(code):
            assert list(Membership.objects.of_own_city()) == [own]
            assert City.objects.own() == den_haag
    settings.CITY_NAME = "Rotterdam"
    assert City.objects.own() == rotterdam


def test_membership_cannot_end_before_it_starts(den_haag):
    membership = Membership(
        city=den_haag,
        network=make_network(),
        joined_on=dt.date(2016, 5, 25),
        ended_on=dt.date(2016, 5, 24),
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert error.value.message_dict["ended_on"] == [str(ENDS_BEFORE_START)]
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()  # the database says no too


def test_one_membership_per_city_and_network(den_haag):
    network = make_network()
    make_membership(den_haag, network)
    duplicate = Membership(city=den_haag, network=network, joined_on=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert str(ONE_MEMBERSHIP_PER_NETWORK) in error.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_website_must_be_http_or_https():
    network = make_network(website="ftp://example.org/")
    with pytest.raises(ValidationError) as error:
        network.full_clean()
    assert error.value.message_dict["website"] == [WEB_ADDRESS_MESSAGE]
