"""A sweep on a real Dask cluster: a `dask scheduler` and two `dask worker` processes started on
loopback, as a user would start them on their machines. The sweep goes through `hyosan sweep
--scheduler`, one worker is killed halfway, and the results equal a local sweep bit for bit."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from hyosan.ensemble import read_results, run_sweep
from hyosan.ensemble.store import finished

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.timeout(300)

SWEEP = """\
[sweep]
name = "cluster test"
scenario = "classroom"
replicas = 5
seed = 5

[set]
duration = "150s"

[axes]
"infection.bite" = [0.4, 0.8]
"""
TASKS = 10
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cluster(tmp_path, monkeypatch):
    """(scheduler address, the two worker processes); everything is killed at the end."""
    monkeypatch.syspath_prepend(str(ROOT))
    from benchmarks.sweeps import external_cluster

    started = external_cluster(tmp_path, 2)
    with started as address:
        yield address, started.workers


def test_a_sweep_on_an_external_cluster_survives_a_killed_worker_and_equals_a_local_one(cluster, tmp_path):
    address, workers = cluster
    path = tmp_path / "sweep.toml"
    path.write_text(SWEEP)
    out = tmp_path / "external"
    killed = {}

    def kill_one_halfway():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(finished(out)) < TASKS // 2:
            time.sleep(0.01)
        killed["finished"] = len(finished(out))
        os.kill(workers[0].pid, signal.SIGKILL)

    killer = threading.Thread(target=kill_one_halfway)
    killer.start()
    done = subprocess.run([sys.executable, "-m", "hyosan", "sweep", str(path), "--out", str(out),
                           "--scheduler", address, "--json"], capture_output=True, text=True, timeout=240)
    killer.join()
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert TASKS // 2 <= killed["finished"] < TASKS  # killed while runs were left
    assert workers[0].wait(timeout=10) == -signal.SIGKILL
    assert (report["status"], report["ran"], report["skipped"], report["failed"]) == ("complete", TASKS, 0, 0)

    results = read_results(out)  # one row a run, none twice
    assert sorted(zip(results["point"].to_pylist(), results["replica"].to_pylist())) == \
        [(p, r) for p in range(2) for r in range(5)]
    leftovers = [p for p in out.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]
    assert not leftovers  # no file half written

    local = run_sweep(path, tmp_path / "local", workers=1, progress=False)
    assert results.equals(read_results(local.out))
    assert read_results(out, "timeseries").equals(read_results(local.out, "timeseries"))
    assert (out / "summary.csv").read_bytes() == (local.out / "summary.csv").read_bytes()
