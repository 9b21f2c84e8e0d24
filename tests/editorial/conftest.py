"""Order 209 imported once per module for the editorial tests; edits inside a test roll back with it."""

from __future__ import annotations

import pytest

from tests.editorial.support import ORDER_209, clear_history


@pytest.fixture(scope="module")
def order_209(django_db_setup, django_db_blocker):
    """Order 209 (14 standards, Russian) imported into the test database for the module."""
    from importers.service import import_documents
    from tests.bundled import clear_registry

    with django_db_blocker.unblock():
        clear_history()  # other modules' imports leave history rows behind
        result = import_documents([ORDER_209])
        assert not result.failed, result.failed
        try:
            yield result
        finally:
            clear_registry()
            clear_history()
