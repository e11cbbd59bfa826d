import pytest


@pytest.fixture(autouse=True)
def _generous_rate_limit(settings):
    """The API's rate limit out of the way, except where a test sets its own."""
    settings.API_RATE_LIMIT = 100_000
