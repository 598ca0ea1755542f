import numba
import pytest


@pytest.fixture(autouse=True)
def one_thread():
    """The behaviour scenarios are tiny: threads only add overhead (results do not depend on
    them, which tests/test_cli.py and tests/engine check)."""
    threads = numba.get_num_threads()
    numba.set_num_threads(1)
    yield
    numba.set_num_threads(threads)


def pytest_terminal_summary(terminalreporter):
    """The measured effects, for the record (means with the behaviour on and off, and p)."""
    from .effects import MEASURED

    if MEASURED:
        terminalreporter.section("behaviour effects (mean on, mean off, one-sided p)")
        for test, on, off, p in MEASURED:
            terminalreporter.write_line(f"{test}: {on:.3g} vs {off:.3g}, p = {p:.1e}")
