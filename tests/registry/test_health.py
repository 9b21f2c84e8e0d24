"""/healthz: the database answers and which content revision this server sees; 503 when it is down."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from standards.revision import bump_revision, current_revision


@pytest.mark.django_db
def test_it_reports_the_database_and_the_content_revision(client):
    bump_revision()
    bump_revision()
    revision = current_revision()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "revision": revision, "revision_feed": None}
    assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_revision_it_reports_follows_an_import(client):
    before = client.get("/healthz").json()["revision"]
    bump_revision()
    assert client.get("/healthz").json()["revision"] == before + 1


def test_it_answers_503_when_the_database_is_down(client):
    down = OperationalError("could not connect to server: Connection refused")
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=down):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
    assert "Connection refused" not in response.content.decode()


@pytest.mark.django_db
def test_it_answers_only_reads(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200
