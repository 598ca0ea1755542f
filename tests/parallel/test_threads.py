"""The numba threads of a run inside a sweep: its worker's share of its host's cores."""

import pytest
from hypothesis import given, strategies as st

from hyosan.parallel import threads
from hyosan.parallel.executor import OnWorker


@given(cores=st.integers(1, 512), threads_on_host=st.integers(0, 512))
def test_the_share_uses_the_cores_without_oversubscribing_them(cores, threads_on_host):
    n = threads.share(cores, threads_on_host)
    assert n >= 1
    if 1 <= threads_on_host <= cores:
        assert n * threads_on_host <= cores < (n + 1) * threads_on_host


@pytest.mark.parametrize("value, expected", [("3", 3), (" 2 ", 2), ("0", None), ("two", None), ("", None),
                                             ("-1", None)])
def test_the_environment_may_set_the_threads_of_a_run(monkeypatch, value, expected):
    monkeypatch.setenv(threads.ENV, value)
    assert threads.from_environment() == expected


def test_a_container_quota_caps_the_cores(tmp_path):
    v2 = tmp_path / "v2"
    v2.mkdir()
    (v2 / "cpu.max").write_text("150000 100000\n")
    assert threads.cpu_quota(v2) == 1.5
    (v2 / "cpu.max").write_text("max 100000\n")
    assert threads.cpu_quota(v2) is None
    v1 = tmp_path / "v1" / "cpu"
    v1.mkdir(parents=True)
    (v1 / "cpu.cfs_quota_us").write_text("400000\n")
    (v1 / "cpu.cfs_period_us").write_text("100000\n")
    assert threads.cpu_quota(tmp_path / "v1") == 4.0
    (v1 / "cpu.cfs_quota_us").write_text("-1\n")
    assert threads.cpu_quota(tmp_path / "v1") is None
    assert threads.cpu_quota(tmp_path / "none") is None


def test_outside_a_worker_a_task_runs_on_every_core_unless_told(monkeypatch):
    import numba

    monkeypatch.delenv(threads.ENV, raising=False)
    before = numba.get_num_threads()
    try:
        every = min(threads.host_cores(), numba.config.NUMBA_NUM_THREADS)
        assert OnWorker(lambda: numba.get_num_threads(), None, "t1")() == every
        assert OnWorker(lambda: numba.get_num_threads(), 1, "t1")() == 1
        monkeypatch.setenv(threads.ENV, "1")
        assert OnWorker(lambda: numba.get_num_threads(), None, "t2")() == 1
    finally:
        numba.set_num_threads(before)
