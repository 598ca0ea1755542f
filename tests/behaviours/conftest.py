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
