"""The revision feed: each process's copy of the content revision, kept current by LISTEN/NOTIFY,
so that a cached page asks the database nothing (standards.revision_feed)."""

import time

import pytest
from django.core.cache import cache
from django.db import connection, connections, transaction

from cards.services import record_content_change
from standards import revision, revision_feed
from standards.revision import bump_revision, current_revision, known_revision
from standards.revision_feed import RevisionFeed
from tests.factories import make_skill

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="LISTEN/NOTIFY is PostgreSQL's"),
]


def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def feed(monkeypatch):
    """A feed of the test's own, re-reading only every 30 s: what changes sooner came by NOTIFY."""
    monkeypatch.setattr(revision_feed, "RECHECK_SECONDS", 30.0)
    feed = RevisionFeed(revision._connect_listener, revision._read_revision)
    assert feed.value() is None  # the first call starts the thread; nothing is known yet
    assert wait_for(lambda: feed.value() == current_revision())
    yield feed
    feed.stop()


@pytest.fixture
def process_feed(settings):
    """The module's own feed, as a cached page uses it."""
    settings.CONTENT_REVISION_FEED = True
    revision._feed.stop()
    yield revision._feed
    revision._feed.stop()


def listener_pids():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s AND datname = current_database()",
            [revision_feed.APPLICATION_NAME],
        )
        return [pid for (pid,) in cursor.fetchall()]


def test_a_committed_bump_reaches_the_copy_by_its_announcement(feed):
    before = feed.value()
    with transaction.atomic():
        bump_revision()
    assert wait_for(lambda: feed.value() == before + 1, seconds=1.0)


def test_a_bump_rolled_back_never_reaches_the_copy(feed):
    before = feed.value()
    with pytest.raises(RuntimeError), transaction.atomic():
        bump_revision()
        raise RuntimeError("the import failed")
    time.sleep(0.3)
    assert feed.value() == before == current_revision()


def test_the_committing_process_serves_its_own_revision_at_once(feed, monkeypatch):
    before = feed.value()
    feed.committed(before + 1)
    assert feed.value() == before + 1
    feed.committed(before)  # an older number never replaces a newer one
    assert feed.value() == before + 1


def test_a_feed_that_cannot_connect_knows_nothing(monkeypatch):
    def refuse():
        raise OSError("connection refused")

    feed = RevisionFeed(refuse, revision._read_revision)
    try:
        assert feed.value() is None
        time.sleep(0.2)
        assert feed.value() is None
    finally:
        feed.stop()


def test_a_feed_whose_connection_dies_knows_nothing_until_it_reconnects(feed, monkeypatch):
    monkeypatch.setattr(revision_feed, "RETRY_SECONDS", 0.1)
    feed.stop()
    assert feed.value() is None
    assert wait_for(lambda: feed.value() is not None)
    (pid,) = listener_pids()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    # While it is gone, a bump that commits is missed by nobody: the copy is dropped, then re-read.
    with transaction.atomic():
        bump_revision()
    assert wait_for(lambda: feed.value() == current_revision())
    assert listener_pids() != [pid]


def test_known_revision_reads_the_database_inside_a_transaction(process_feed, django_assert_num_queries):
    assert wait_for(lambda: (known_revision(), process_feed.value())[1] is not None)
    committed = current_revision()
    with django_assert_num_queries(0):
        assert known_revision() == committed
    with transaction.atomic():
        bump_revision()
        with django_assert_num_queries(1):
            assert known_revision() == committed + 1  # its own uncommitted bump, which no feed knows


def test_known_revision_reads_the_database_when_the_feed_is_off(settings, django_assert_num_queries):
    settings.CONTENT_REVISION_FEED = False
    committed = current_revision()
    with django_assert_num_queries(1):
        assert known_revision() == committed


def test_a_cached_page_asks_the_database_nothing_and_shows_a_committed_edit_at_once(
    client, settings, process_feed, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    skill = make_skill(title="Бұлттық архитектураны жобалау", abilities=["Талдау жүргізу"])
    card = skill.labour_function.card
    url = f"/kk/cards/{card.edition.standard.code}/{card.position}/"
    bump_revision()
    assert wait_for(lambda: (known_revision(), process_feed.value())[1] == current_revision())
    first = client.get(url)
    connections.close_all()  # no health check of a reused connection either
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content

    ability = skill.abilities.get()
    ability.text = "Түзетілген машық"
    ability.save()
    record_content_change([ability])  # the one write path, as an admin save ends
    page = client.get(url).content.decode()
    assert "Түзетілген машық" in page and "Талдау жүргізу" not in page
    cache.clear()


def test_healthz_shows_the_revision_cached_pages_are_looked_up_under(client, process_feed):
    client.get("/healthz")  # starts the feed
    assert wait_for(lambda: client.get("/healthz").json()["revision_feed"] == current_revision())
    with transaction.atomic():
        bump_revision()
    assert wait_for(lambda: client.get("/healthz").json()["revision_feed"] == current_revision())
