"""How large a sweep is, worked out before anything is built, and the limits it must keep.

Hard limits (no flag lifts them) keep a sweep within what this machine can hold: its plan keeps
every point in memory and its summary reads every run's outcome row at once. Soft limits (a
million runs; a disk estimate past the free space) stop a sweep that is likely a slip of the
keyboard; `--yes` (yes=True) runs it anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..engine.footprint import free_bytes, human_bytes
from ..scenario import Scenario
from .outcomes import TIMESERIES_ROWS

MAX_POINTS = 1_000_000  # hard
MAX_RUNS_HARD = 10_000_000  # hard
MAX_RUNS = 1_000_000  # soft

# Bytes a run leaves, measured on classroom and hyosan-high runs (zstd Parquet): its outcome row;
# its thinned time series, a file and a row; with keep_runs, the whole run directory's fixed part
# (report, plots, manifest, scenario copy), its part per person (replay frames in Parquet and in
# the report) and per time-series row of a zone.
RESULT_BYTES = 3_500
SERIES_FILE_BYTES, SERIES_ROW_BYTES = 2_000, 8
RUN_DIR_BYTES = 200_000
PERSON_BYTES = 1_200
ZONE_ROW_BYTES = 10


class SweepTooLarge(ValueError):
    """A sweep past a limit of its size; the message says its size, the estimate and the limit."""


@dataclass(frozen=True)
class Size:
    points: int
    replicas: int
    run_bytes: int  # the disk a run takes, estimated

    @property
    def runs(self) -> int:
        return self.points * self.replicas

    @property
    def bytes(self) -> int:
        return self.runs * self.run_bytes

    def describe(self) -> str:
        return (f"{self.points:,} points x {self.replicas:,} replicas = {self.runs:,} runs, which would write "
                f"about {human_bytes(self.bytes)} ({human_bytes(self.run_bytes)} a run)")


def run_bytes(scenario: Scenario, timeseries: bool, keep_runs: bool) -> int:
    """The disk one run of `scenario` takes in a sweep directory, roughly (within a factor of 3)."""
    total = RESULT_BYTES
    if timeseries:
        total += SERIES_FILE_BYTES + SERIES_ROW_BYTES * min(scenario.ticks, TIMESERIES_ROWS)
    if keep_runs:
        zones = 1 + (len(scenario.map.rooms) if scenario.map is not None else 0)
        rows = scenario.ticks // max(1, scenario.record.every)
        total += RUN_DIR_BYTES + PERSON_BYTES * min(scenario.people_count, 20_000) + ZONE_ROW_BYTES * zones * rows
    return total


def refusal(size: Size, yes: bool) -> str | None:
    """Why a sweep of this size is refused, or None."""
    if size.points > MAX_POINTS:
        return (f"the sweep is too large: {size.describe()}; a sweep may have at most {MAX_POINTS:,} points "
                "(--yes does not lift this): use fewer values or steps")
    if size.runs > MAX_RUNS_HARD:
        return (f"the sweep is too large: {size.describe()}; a sweep may have at most {MAX_RUNS_HARD:,} runs "
                "(--yes does not lift this): use fewer points or replicas")
    if size.runs > MAX_RUNS and not yes:
        return (f"the sweep is large: {size.describe()}; more than {MAX_RUNS:,} runs are refused unless "
                "you pass --yes")
    return None


def check_disk(size: Size, out: Path, yes: bool) -> None:
    """Refuse (SweepTooLarge) a sweep whose estimate passes the free space where it would write."""
    free = free_bytes(out)
    if size.bytes > free and not yes:
        raise SweepTooLarge(f"{out}: {size.describe()}, where {human_bytes(free)} are free; free some space, "
                            "choose another --out, or pass --yes to run it anyway")
