"""A smoke test of the benchmark harness: it runs on a tiny model, prints its tables, and the
implementations agree. It asserts nothing about speed: benchmarks are never timed tests.

No __init__.py here: a package named `benchmarks` under tests/ would shadow the real one.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PEERS = {"numba": None, "laser": "laser.core", "mesa": "mesa"}  # peer -> the package it needs


def installed(module: str | None) -> bool:
    try:
        return module is None or importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # its parent package is missing
        return False


@pytest.fixture(scope="module")
def smoke() -> str:
    """The output of one smoke run of the harness with every peer that is installed."""
    impls = ",".join(["hyosan", "hyosan+rec", *(peer for peer, need in PEERS.items() if installed(need))])
    done = subprocess.run([sys.executable, "-m", "benchmarks.harness", "--smoke", "--impls", impls],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_harness_prints_the_check_the_speed_table_and_the_phases(smoke):
    assert "agreement: ok" in smoke
    assert "M agent-steps/s" in smoke and "hyosan/impl" in smoke and "peak MB" in smoke
    assert "time per phase" in smoke
    for phase in ("decide", "move", "interact"):
        assert f" {phase} " in smoke


def test_the_harness_times_one_sweep_on_each_setting_with_equal_results(smoke):
    assert "results equal in every setting: yes" in smoke
    rows = {line.strip().split("  ")[0]: line for line in smoke.splitlines() if line.strip().startswith(
        ("1 worker", "default", "external"))}
    assert {"1 worker", "default", "external, 2 workers", "1 worker x 1 thread"} <= set(rows), rows
    assert "a run inside a sweep of 4 on one worker of one thread, everything included" in smoke


@pytest.mark.parametrize("peer", ["hyosan+rec", *PEERS])
def test_a_peer_is_checked_and_timed(smoke, peer):
    if not installed(PEERS.get(peer)):
        pytest.skip(f"{PEERS[peer]} is not installed (pip install -e '.[bench]')")
    rows = [line.split() for line in smoke.splitlines()]
    assert any(row[:1] == [peer] and "(z" in " ".join(row) for row in rows)  # agreement row
    assert any(row[1:2] == [peer] and row[2][0].isdigit() for row in rows if len(row) > 2)  # speed row


def test_the_resized_scenario_is_the_file_at_its_own_size(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    import hyosan
    from benchmarks.hyosan_szr import scenario
    from benchmarks.reference import SCENARIO

    mine, theirs = scenario(10_000), hyosan.load(SCENARIO)
    assert mine.map.shape == theirs.map.shape and mine.map.wrap and mine.map.capacity == 0
    assert (mine.map.terrain == theirs.map.terrain).all()
    assert [(p.count, p.state) for p in mine.people] == [(p.count, p.state) for p in theirs.people]
    assert mine.ticks == theirs.ticks == 100
    assert (mine.record.every, mine.record.frames) == (100, 100)  # the peers keep the end only
    every_tick = scenario(10_000, every_tick=True)
    assert (every_tick.record.every, every_tick.record.frames) == (1, 0) == (
        theirs.record.every, theirs.record.frames)


def test_recording_every_tick_changes_only_what_is_kept(monkeypatch):
    """The two hyosan rows of the table run the same model: the same seed ends the same."""
    monkeypatch.syspath_prepend(str(ROOT))
    from benchmarks.hyosan_szr import Model, RecordingModel

    ends = []
    for model in (Model(3000, 5, 40), RecordingModel(3000, 5, 40)):
        model.run()
        ends.append((model.sim.people.state.copy(), model.sim.people.cell.copy()))
    assert (ends[0][0] == ends[1][0]).all() and (ends[0][1] == ends[1][1]).all()
    assert len(model.sim.events) > 0  # something happened to be the same


def test_the_reference_model_has_every_behaviour_off():
    """The reference model is random walkers with bites and fights, nothing more: a behaviour
    added later must be switched off in benchmarks/lattice-szr.toml too."""
    from hyosan import load_scenario
    from hyosan.engine.plan import Plan

    scenario = load_scenario(ROOT / "benchmarks" / "lattice-szr.toml")
    assert [n for n in scenario.behaviours.names() if getattr(scenario.behaviours, n).on] == []
    # the door-closing and the always-on steps have nothing to do there: no doors, no groups
    assert [r.name for r in Plan.of(scenario).rows if r.on and r.owner != "engine"] == [
        "upkeep.tend", "follow.keep_together", "seek_kin.seek", "injuries.slow_down"]


def test_the_outbreak_row_times_the_city_hour_by_hour():
    """A few minutes of the city as the outbreak row runs them: a row per simulated hour begun,
    with its ticks, its counts of everyone, and the rows of the plan that took the most."""
    import json

    done = subprocess.run([sys.executable, "-m", "benchmarks.worker", "outbreak", "--hours", "0.025"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    r = json.loads(done.stdout.splitlines()[-1])
    assert r["ticks"] == 9 and len(r["hours"]) == 1 and r["hours"][0]["ticks"] == 9
    assert sum(r["hours"][0]["counts"].values()) == r["n"] == 1_000_100
    assert len(r["hours"][0]["top"]) == 4 and all(0 < share < 1 for _, share in r["hours"][0]["top"])
