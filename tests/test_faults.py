"""Faults lose nothing (issue 22): a killed run resumes to the same files, a damaged checkpoint
or a full disk gets a clear error, and two runs never write one directory."""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hyosan import runner
from hyosan.output.rundir import LOCK, RunDirError



def hyosan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hyosan", *args], capture_output=True, text=True, timeout=600)

ARGS = ("hyosan-high", "--duration", "5m", "--seed", "4", "--heroes", "0", "--quiet")
DATA = ("timeseries.parquet", "events.parquet", "people.parquet", "replay.parquet")


@pytest.fixture(scope="module")
def whole(tmp_path_factory) -> Path:
    """The run, uninterrupted."""
    out = tmp_path_factory.mktemp("whole") / "run"
    r = hyosan("run", *ARGS, "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out


def same_data(a: Path, b: Path) -> bool:
    return all((a / name).read_bytes() == (b / name).read_bytes() for name in DATA)


def scraps(run_dir: Path) -> list[Path]:
    return list(run_dir.rglob("*.tmp"))


@pytest.mark.parametrize("delay", [0.5, 2.0, 3.5, 5.0, 6.5])
def test_a_run_killed_at_any_moment_resumes_to_the_same_bytes(tmp_path, whole, delay):
    """SIGKILL after `delay` seconds (from before the first tick to the writing of the tables),
    checkpoints every 0.2 s; then `resume` (or, if it died before its manifest, `run` again)."""
    out = tmp_path / "run"
    proc = subprocess.Popen([sys.executable, "-m", "hyosan", "run", *ARGS, "--out", str(out),
                             "--checkpoint-every", "0.2s"], stderr=subprocess.PIPE, text=True)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    if (out / "manifest.json").exists():
        status = json.loads((out / "manifest.json").read_text())["status"]
        r = hyosan("resume", str(out), "--heroes", "0", "--quiet") if status != "complete" else None
    else:
        r = hyosan("run", *ARGS, "--out", str(out))
    assert r is None or r.returncode == 0, r.stderr
    assert json.loads((out / "manifest.json").read_text())["status"] == "complete"
    assert same_data(whole, out)
    assert scraps(out) == [] and not (out / LOCK).exists() and not (out / "checkpoint.npz").exists()


def test_a_damaged_checkpoint_is_named_and_without_it_the_run_starts_over(tmp_path, whole):
    out = tmp_path / "run"
    proc = subprocess.Popen([sys.executable, "-m", "hyosan", "run", *ARGS, "--out", str(out),
                             "--checkpoint-every", "0.1s"], stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while not (out / "checkpoint.npz").exists() and time.time() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    checkpoint = out / "checkpoint.npz"
    checkpoint.write_bytes(checkpoint.read_bytes()[:100])  # cut short
    r = hyosan("resume", str(out), "--heroes", "0")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f"{checkpoint} is damaged" in r.stderr and f"hyosan resume {out}" in r.stderr
    checkpoint.unlink()
    assert hyosan("resume", str(out), "--heroes", "0", "--quiet").returncode == 0
    assert same_data(whole, out)


def test_a_second_run_into_one_directory_refuses_with_the_pid_of_the_first(tmp_path):
    out = tmp_path / "run"
    longer = ("hyosan-high", "--duration", "1h", "--seed", "4", "--heroes", "0", "--quiet")  # still running
    first = subprocess.Popen([sys.executable, "-m", "hyosan", "run", *longer, "--out", str(out)],
                             stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while not (out / LOCK).exists() and time.time() < deadline:
        time.sleep(0.02)
    second = hyosan("run", *longer, "--out", str(out))
    resumed = hyosan("resume", str(out)) if (out / "manifest.json").exists() else second
    first.wait(timeout=300)
    assert first.returncode == 0
    for r in (second, resumed):
        assert r.returncode == 2 and f"is in use by process {first.pid}" in r.stderr


def test_the_lock_of_a_dead_process_is_taken_over(tmp_path):
    out = tmp_path / "run"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (out / LOCK).write_text(f"{dead.pid}\n")
    runner.run("classroom", out=out, heroes=0)
    assert json.loads((out / "manifest.json").read_text())["status"] == "complete"
    assert not (out / LOCK).exists()


def test_a_run_stopped_before_it_began_says_so_and_runs_again(tmp_path, whole):
    """Killed between making its directory and writing its manifest: `resume` cannot know the
    run and says how to start it; `run --out` into the same directory then does."""
    out = tmp_path / "run"
    (out / "scenario").mkdir(parents=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (out / LOCK).write_text(f"{dead.pid}\n")
    r = hyosan("resume", str(out))
    assert r.returncode != 0 and "stopped before it began" in r.stderr and "hyosan run" in r.stderr
    assert "Traceback" not in r.stderr
    r = hyosan("run", *ARGS, "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert same_data(whole, out)


def _limit_file_size(size: int):
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


def test_a_full_disk_stops_the_run_with_a_message_and_it_resumes_once_there_is_room(tmp_path, whole):
    """A file-size limit of 64 kB stands in for a full disk: the tables do not fit."""
    out = tmp_path / "run"
    r = subprocess.run([sys.executable, "-m", "hyosan", "run", *ARGS, "--out", str(out)],
                       capture_output=True, text=True, timeout=600, preexec_fn=_limit_file_size(64_000))
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert "no room to write" in r.stderr and f"hyosan resume {out}" in r.stderr
    assert scraps(out) == []
    assert json.loads((out / "manifest.json").read_text())["status"] != "complete"
    assert hyosan("resume", str(out), "--heroes", "0", "--quiet").returncode == 0
    assert same_data(whole, out)


def test_resume_in_process_refuses_a_directory_another_process_holds(tmp_path):
    out = tmp_path / "run"
    runner.run("classroom", out=out, heroes=0, duration=30.0)
    manifest = json.loads((out / "manifest.json").read_text())
    (out / "manifest.json").write_text(json.dumps({**manifest, "status": "interrupted"}))
    (out / LOCK).write_text("1\n")  # init: alive, and not us
    with pytest.raises(RunDirError, match="in use by process 1"):
        runner.resume(out, heroes=0)
