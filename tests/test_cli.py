"""The `hyosan` command, run as a user would run it: in a subprocess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

OUTPUTS = ("manifest.json", "timeseries.parquet", "events.parquet", "people.parquet", "replay.parquet",
           "epidemic.png", "heroes.md")


def hyosan(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hyosan", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600, **kw)


def tables(run_dir: Path) -> dict:
    return {name: pq.read_table(run_dir / f"{name}.parquet") for name in ("timeseries", "events", "people")}


def test_run_writes_the_run_directory(tmp_path):
    out = tmp_path / "run"
    r = hyosan("run", "classroom", "--seed", "3", "--out", str(out), "--quiet")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and r.stderr == ""
    for name in OUTPUTS:
        assert (out / name).is_file(), name
    assert (out / "scenario" / "classroom.toml").is_file()
    assert not (out / "checkpoint.npz").exists()
    m = json.loads((out / "manifest.json").read_text())
    assert m["status"] == "complete" and m["seed"] == 3 and m["ticks"] == 600
    assert len(m["scenario"]["sha256"]) == 64 and m["people"] == 31
    for key in ("schema_version", "hyosan_version", "wall_seconds"):
        assert key in m
    t = tables(out)
    assert t["timeseries"].column_names == ["tick", "time_s", "zone", "human", "bitten", "zombie",
                                            "halfbie", "dead", "escaped"]
    assert t["events"].column_names == ["tick", "kind", "actor", "target", "cell", "floor", "detail"]
    assert t["people"].column_names[:2] == ["id", "name"]
    for col in ("state", "infected_tick", "died_tick", "cause"):
        assert col in t["people"].column_names
    ts = t["timeseries"].to_pandas()
    totals = ts[ts.zone == "all"]
    assert len(totals) == 601
    counts = totals[["human", "bitten", "zombie", "halfbie", "dead", "escaped"]].sum(axis=1)
    assert (counts == 31).all()
    assert set(ts.zone) == {"all", "classroom", "corridor"}


def test_results_do_not_depend_on_the_thread_count(tmp_path):
    runs = {}
    for threads in ("1", "2"):
        out = tmp_path / f"threads{threads}"
        r = hyosan("run", "hyosan-high", "--duration", "20m", "--seed", "5", "--out", str(out),
                   "--quiet", "--heroes", "0", env={"NUMBA_NUM_THREADS": threads})
        assert r.returncode == 0, r.stderr
        runs[threads] = tables(out)
    for name in runs["1"]:
        assert runs["1"][name].equals(runs["2"][name]), name
    assert runs["1"]["events"].num_rows > 0


def test_interrupted_run_resumes_to_the_same_outputs(tmp_path):
    args = ["hyosan-high", "--duration", "4h", "--seed", "2", "--heroes", "0"]
    whole = tmp_path / "whole"
    assert hyosan("run", *args, "--out", str(whole), "--quiet").returncode == 0

    cut = tmp_path / "cut"
    proc = subprocess.Popen([sys.executable, "-m", "hyosan", "run", *args, "--out", str(cut), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while not _running(cut) and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signal.SIGTERM, err
    m = json.loads((cut / "manifest.json").read_text())
    assert m["status"] == "interrupted" and 0 < m["ticks"] < m["ticks_total"]
    assert (cut / "checkpoint.npz").is_file()
    assert not (cut / "timeseries.parquet").exists()

    r = hyosan("resume", str(cut), "--quiet", "--heroes", "0")
    assert r.returncode == 0, r.stderr
    assert json.loads((cut / "manifest.json").read_text())["status"] == "complete"
    a, b = tables(whole), tables(cut)
    for name in a:
        assert a[name].equals(b[name]), name


def _running(run_dir: Path) -> bool:
    try:
        return json.loads((run_dir / "manifest.json").read_text())["status"] == "running"
    except (OSError, ValueError):
        return False


def test_progress_and_profile(tmp_path):
    r = hyosan("run", "classroom", "--out", str(tmp_path / "p"), "--profile", "--heroes", "0")
    assert r.returncode == 0, r.stderr
    for phase in ("sense", "decide", "move", "interact", "progress", "record"):
        assert phase in r.stdout
    assert "agent-steps/s" in r.stdout and "wrote" in r.stdout
    assert "  rescue.strike" in r.stdout and "  move.steps" in r.stdout  # each row, under its phase


def test_plan_prints_every_row_and_runs_nothing(tmp_path):
    r = hyosan("run", "classroom", "--plan", "--out", str(tmp_path / "p"))
    assert r.returncode == 0, r.stderr
    rows = [line.split() for line in r.stdout.splitlines()[2:]]
    assert [row[0] for row in rows][:3] == ["decoy.make_noise", "sense.fields", "decide.walk"]
    assert {row[2] for row in rows} == {"sense", "decide", "move", "interact", "progress",
                                        "authorities", "record"}
    assert not (tmp_path / "p").exists()


def test_scenarios_lists_the_builtins():
    r = hyosan("scenarios")
    assert r.returncode == 0
    for name in ("classroom", "hyosan-high", "hyosan-city"):
        assert name in r.stdout


def test_validate_reports_problems_with_exit_code_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[scenario]\nname = "x"\ntick = "1 fortnight"\n\n[map]\ntext = "#.#"\n')
    r = hyosan("validate", str(bad))
    assert r.returncode == 2
    assert "bad.toml:3" in r.stderr and "tick" in r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert hyosan("validate", "classroom").returncode == 0


def test_validate_checks_a_sweep_file_as_the_sweep_command_would(tmp_path):
    """validate accepts what `hyosan sweep` runs, and refuses with the same message what it refuses."""
    ok, large = tmp_path / "ok.toml", tmp_path / "large.toml"
    ok.write_text('[sweep]\nscenario = "classroom"\nreplicas = 3\n[axes]\n"infection.bite" = [0.2, 0.5]\n')
    large.write_text('[sweep]\nscenario = "classroom"\nreplicas = 600000\n[axes]\n"infection.bite" = [0.2, 0.5]\n')
    r = hyosan("validate", str(ok))
    assert r.returncode == 0 and "ok: sweep 'ok' of classroom: 2 points x 3 replicas = 6 runs" in r.stdout
    r = hyosan("validate", str(large))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "1,200,000 runs" in r.stderr and "unless you pass --yes" in r.stderr
    assert hyosan("sweep", str(large), "--out", str(tmp_path / "out")).stderr == f"error: {r.stderr}"
    assert hyosan("validate", "--yes", str(large)).returncode == 0


@pytest.mark.parametrize("args, message", [
    (["run", "no-such-scenario"], "unknown scenario"),
    (["run", "classroom", "--duration", "ten"], "--duration"),
    (["run", "classroom", "--duration", "0s"], "above zero"),
    (["resume", "."], "manifest.json"),
])
def test_bad_input_gets_a_clear_error(args, message, tmp_path):
    r = hyosan(*args, cwd=tmp_path)
    assert r.returncode == 2
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_a_full_run_directory_is_never_overwritten(tmp_path):
    out = tmp_path / "run"
    assert hyosan("run", "classroom", "--out", str(out), "--quiet", "--heroes", "0").returncode == 0
    before = (out / "events.parquet").read_bytes()
    r = hyosan("run", "classroom", "--out", str(out), "--quiet")
    assert r.returncode == 2 and "not empty" in r.stderr
    assert (out / "events.parquet").read_bytes() == before
    r = hyosan("resume", str(out))
    assert r.returncode == 2 and "complete" in r.stderr


def test_heroes_are_the_same_whatever_the_thread_count(tmp_path):
    out = tmp_path / "run"
    assert hyosan("run", "classroom", "--out", str(out), "--quiet", "--heroes", "0").returncode == 0
    texts = []
    for threads in ("1", "2"):
        r = hyosan("heroes", str(out), "--budget", "10", "--acts", "3", "--quiet",
                   env={"NUMBA_NUM_THREADS": threads})
        assert r.returncode == 0, r.stderr
        texts.append((out / "heroes.md").read_text())
    assert texts[0] == texts[1] and "replayed" in texts[0]


@pytest.mark.parametrize("args, says", [
    (("heroes", "nosuch"), "nosuch is not a run directory (to run a scenario over seeds, give --seeds)"),
    (("heroes", "hyosan-high", "--seeds", "5-2"), "found '5-2'; expected a seed (7), a range (1-100)"),
    (("heroes", "sir", "--seeds", "1-2"), "sir is of kind ode: only agents runs have heroes"),
])
def test_heroes_refuses_what_it_cannot_do_in_one_line(args, says):
    r = hyosan(*args)
    assert r.returncode == 2 and says in r.stderr and "Traceback" not in r.stderr
