"""What the security tests share: a tally of the requests the fuzzer sent, printed at the end of the run."""

from __future__ import annotations

from collections import Counter

import pytest

TALLY: Counter = Counter()


@pytest.fixture(scope="session")
def request_tally() -> Counter:
    return TALLY


def pytest_terminal_summary(terminalreporter):
    if TALLY:
        terminalreporter.write_sep("-", "request fuzzer")
        terminalreporter.write_line(
            f"requests sent: {TALLY['requests']}; server errors (5xx): {TALLY['server_errors']}; "
            + ", ".join(f"{status}: {n}" for status, n in sorted(k for k in TALLY.items() if isinstance(k[0], int)))
        )
