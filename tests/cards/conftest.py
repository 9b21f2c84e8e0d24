"""Fixtures the search tests share."""

import pytest
from django.db import connection


@pytest.fixture(params=["postgres", "fallback"])
def backend(request, monkeypatch):
    """Each search scorer in turn, whatever the database: PostgreSQL's (on PostgreSQL only) and the fallback's."""
    from cards.search import fallback, postgres

    if request.param == "postgres" and connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL scorer needs PostgreSQL")
    if request.param == "fallback":
        monkeypatch.setattr(postgres, "score", fallback.score)
    return request.param
