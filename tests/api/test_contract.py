"""schemathesis against the API with its committed OpenAPI document as the contract:
every operation, a few hundred generated requests (valid and invalid parameters), no
server error and no answer outside the document (status, content type, headers,
schema). Derandomized: the same requests on every run."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from api.schema import COMMITTED
from tests.api.factories import make_newsroom

pytestmark = pytest.mark.django_db

# A request the document allows may still name what is not there: a release,
# theme or network that does not exist or is not public (404, or a 400 for a filter
# on it, as on the site) or a withdrawn release (410).
CONFIG = SchemathesisConfig.from_dict(
    {"checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", 400, 404, 410]}}}
)
schema = schemathesis.openapi.from_path(COMMITTED, config=CONFIG)
schema.app = get_wsgi_application()

EXAMPLES_PER_OPERATION = 40


@pytest.fixture
def newsroom(releases_in_every_state):
    """What the answers show; the database connection stays open across the WSGI
    app's requests (as the test client keeps it): the test's transaction holds it."""
    releases_in_every_state("Contract")
    made = make_newsroom()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield made
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_contract(case, newsroom):
    case.call_and_validate(headers={"Host": "testserver"})
