"""The bundled orders in the test database, for the test modules that read the real registry.

The ``registry`` fixture (tests/conftest.py, module scope) imports every bundled order once
per module that asks for it (≈10 s) and removes it afterwards, so the factory-based tests
of other modules still start from an empty database.
"""

from cards.models import Occupation
from standards.models import SourceDocument, Standard


def clear_registry() -> None:
    SourceDocument.objects.all().delete()
    Standard.objects.all().delete()
    Occupation.objects.all().delete()
