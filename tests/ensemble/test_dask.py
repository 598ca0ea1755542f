"""Sweeps on a 2-worker local Dask cluster: a task's run equals the same run made alone; the
summary is the same whatever the workers, after an interruption and a rerun, and after a worker
is killed in the middle of the sweep."""

import asyncio
import dataclasses
import json
import logging
import math
import operator
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

import hyosan
from hyosan.ensemble import map_tasks, read_results, run_sweep
from hyosan.ensemble.outcomes import run_outcomes, whole_map
from hyosan.ensemble.store import finished
from hyosan.parallel.threads import host_cores, share

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.timeout(240)

SWEEP = """\
[sweep]
name = "test sweep"
scenario = "classroom"
replicas = 4
seed = 11
keep_runs = KEEP

[set]
duration = "60s"

[axes]
"infection.bite" = [0.3, 0.9]
"""
TASKS = 8


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def sweep_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("sweep") / "sweep.toml"
    path.write_text(SWEEP.replace("KEEP", "false"))
    return path


@pytest.fixture(scope="module")
def baseline(client, sweep_file, tmp_path_factory):
    """The undisturbed sweep."""
    outcome = run_sweep(sweep_file, tmp_path_factory.mktemp("baseline") / "out", scheduler=client.scheduler.address,
                        progress=False)
    assert outcome.status == "complete" and outcome.ran == TASKS and not outcome.failures
    return outcome


def same(a, b):
    """Tables equal value for value (NaN equals NaN); schema metadata aside."""
    assert a.column_names == b.column_names
    for name in a.column_names:
        x, y = a[name].to_pylist(), b[name].to_pylist()
        assert len(x) == len(y), name
        for u, v in zip(x, y):
            assert u == v or (isinstance(u, float) and math.isnan(u) and math.isnan(v)), (name, u, v)
    return True


def alone(seed, bite, out):
    """The run of a sweep's point made alone, its scenario built without the sweep's paths."""
    classroom = hyosan.load("classroom")
    scenario = classroom.replace(duration=60.0, infection=dataclasses.replace(classroom.infection, bite=bite))
    return hyosan.run(scenario, seed=seed, out=out)


def row_of(results, point, replica):
    mask = pc.and_(pc.equal(results["point"], point), pc.equal(results["replica"], replica))
    return results.filter(mask).to_pylist()[0]


def test_a_task_gives_the_outcomes_and_time_series_of_the_same_run_made_alone(baseline, tmp_path):
    row = row_of(read_results(baseline.out), 1, 2)
    assert row["infection.bite"] == 0.9
    run = alone(row["seed"], 0.9, tmp_path / "alone")
    series = pq.read_table(baseline.out / "timeseries" / "point=00001" / "replica=002.parquet")
    assert series.drop_columns(["point", "replica"]).equals(whole_map(run.table("timeseries")))
    outcomes = run_outcomes(run.run_dir, run.simulation.scenario).to_pylist()[0]
    assert {k: row[k] for k in outcomes} == outcomes


def test_a_kept_run_directory_holds_the_tables_of_the_same_run_made_alone(client, tmp_path):
    path = tmp_path / "keep.toml"
    path.write_text(SWEEP.replace("KEEP", "true").replace("replicas = 4", "replicas = 1").replace("0.3, 0.9", "0.9"))
    outcome = run_sweep(path, tmp_path / "out", scheduler=client, progress=False)
    row = row_of(read_results(outcome.out), 0, 0)
    run = alone(row["seed"], 0.9, tmp_path / "alone")
    kept = outcome.out / "runs" / "point=00000" / "replica=000"
    for name in ("timeseries", "events", "people"):
        assert pq.read_table(kept / f"{name}.parquet").equals(run.table(name)), name
    assert json.loads((kept / "manifest.json").read_text())["final_counts"] == run.manifest["final_counts"]
    assert not [p for p in (outcome.out / "runs").iterdir() if p.name.startswith(".")]  # no temporary left


def test_the_summary_holds_statistics_per_point_and_outcome(baseline):
    s = baseline.summary
    assert s.column_names[:3] == ["point", "infection.bite", "outcome"]
    assert set(s["n"].to_pylist()) == {4}
    assert {"final_human", "final_zombie", "survivors", "peak_zombie", "peak_time_s", "humans_win"} <= set(
        s["outcome"].to_pylist())
    for r in s.to_pylist():
        assert r["q025"] <= r["median"] <= r["q975"] and r["ci_low"] <= r["mean"] <= r["ci_high"]
    assert same(pq.read_table(baseline.out / "summary.parquet"), s)
    assert (baseline.out / "plots" / "infection-bite.png").stat().st_size > 1000
    plan = json.loads((baseline.out / "sweep.json").read_text())
    assert plan["status"] == "complete" and plan["finished"] == TASKS


def test_the_summary_is_the_same_with_one_worker_from_the_python_api(baseline, sweep_file, tmp_path):
    summary = hyosan.sweep(sweep_file, tmp_path / "one", workers=1, progress=False)
    assert same(summary, baseline.summary)
    assert summary.to_pandas().shape[0] == summary.num_rows


def test_an_interrupted_sweep_finishes_on_a_rerun_as_if_undisturbed(baseline, client, sweep_file, tmp_path):
    out = tmp_path / "out"
    first = run_sweep(sweep_file, out, scheduler=client.scheduler.address, progress=False,
                      stop=lambda: len(finished(out)) >= 3)
    before = len(finished(out))
    assert first.status == "interrupted" and 3 <= before < TASKS
    second = run_sweep(sweep_file, out, scheduler=client.scheduler.address, progress=False)
    assert second.status == "complete" and second.skipped == before and second.ran == TASKS - before
    assert same(second.summary, baseline.summary)
    third = run_sweep(sweep_file, out, scheduler=client, progress=False)
    assert (third.ran, third.skipped) == (0, TASKS)


def test_a_sweep_command_killed_with_sigkill_finishes_on_a_rerun_recomputing_nothing(baseline, client,
                                                                                    sweep_file, tmp_path):
    """kill -9 of `hyosan sweep` (its whole process group) once 3 runs are in; the same command
    again runs only the others, and leaves no temporary file."""
    out = tmp_path / "out"
    command = [sys.executable, "-m", "hyosan", "sweep", str(sweep_file), "--out", str(out),
               "--scheduler", client.scheduler.address, "--json"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(finished(out)) < 3:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    before = len(finished(out))
    assert 3 <= before < TASKS
    r = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert (report["status"], report["skipped"], report["ran"]) == ("complete", before, TASKS - before)
    assert same(pq.read_table(out / "summary.parquet"), baseline.summary)
    assert not list(out.rglob("*.tmp"))


def test_a_worker_killed_mid_sweep_loses_no_result_and_duplicates_none(baseline, client, sweep_file, tmp_path):
    out = tmp_path / "out"
    pids = sorted(client.run(os.getpid).values())
    killed: dict = {}

    def kill_one_when_the_first_result_is_in():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not finished(out):
            time.sleep(0.01)
        killed["finished"] = len(finished(out))
        os.kill(pids[0], signal.SIGKILL)

    killer = threading.Thread(target=kill_one_when_the_first_result_is_in)
    killer.start()
    outcome = run_sweep(sweep_file, out, scheduler=client.scheduler.address, progress=False)
    killer.join()
    assert 1 <= killed["finished"] < TASKS  # killed in the middle of the sweep
    assert outcome.status == "complete" and not outcome.failures
    assert pids[0] not in client.run(os.getpid).values()
    results = read_results(out)
    assert results.num_rows == TASKS
    assert sorted(zip(results["point"].to_pylist(), results["replica"].to_pylist())) == \
        [(p, r) for p in range(2) for r in range(4)]
    assert same(outcome.summary, baseline.summary)


def test_the_command_skips_a_finished_sweep_and_prints_json(baseline, client, tmp_path):
    out = tmp_path / "copy"
    shutil.copytree(baseline.out, out)
    r = subprocess.run([sys.executable, "-m", "hyosan", "sweep", str(out / "sweep.toml"), "--out", str(out),
                        "--scheduler", client.scheduler.address, "--json"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert (report["status"], report["ran"], report["skipped"]) == ("complete", 0, TASKS)
    assert same(pq.read_table(out / "summary.parquet"), baseline.summary)


def test_map_tasks_returns_results_in_task_order(client):
    assert map_tasks(math.factorial, [5, 3, 4, 0], scheduler=client, progress=False) == [120, 6, 24, 1]
    assert map_tasks(operator.add, [1, 2, 3], common=10, scheduler=client.scheduler.address,
                     progress=False) == [11, 12, 13]
    with pytest.raises(ValueError):
        map_tasks(math.sqrt, [4.0, -1.0], scheduler=client, progress=False)
    assert map_tasks(math.sqrt, [], progress=False) == []


def test_a_sweep_runs_inside_a_running_event_loop(client, sweep_file, tmp_path):
    async def notebook_cell():
        return hyosan.sweep(sweep_file, tmp_path / "nb", scheduler=client.scheduler.address, progress=False)

    assert asyncio.run(notebook_cell()).num_rows > 0


def test_each_run_gets_its_workers_share_of_the_host_cores(client):
    def numba_threads(_):
        import numba

        return numba.get_num_threads()

    import numba

    # two workers of one thread on this host: on 2 cores, 1 numba thread each, not 2 each
    assert map_tasks(numba_threads, range(4), scheduler=client, progress=False) == [share(host_cores(), 2)] * 4
    assert map_tasks(numba_threads, range(2), scheduler=client, threads=2, progress=False) == \
        [min(2, numba.config.NUMBA_NUM_THREADS)] * 2


def test_the_summary_is_the_same_whatever_the_threads_per_run(baseline, sweep_file, tmp_path):
    summary = hyosan.sweep(sweep_file, tmp_path / "threads", workers=2, threads=2, progress=False)
    assert same(summary, baseline.summary)
    assert read_results(tmp_path / "threads").equals(read_results(baseline.out))
