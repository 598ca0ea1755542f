"""The shipped sweep files and the sweep file of docs/sweeps.md are valid."""

import re
from pathlib import Path

import pytest

from hyosan.ensemble import load_sweep, parse_sweep

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.toml")), ids=lambda p: p.name)
def test_the_examples_are_valid_sweeps(path):
    sweep = load_sweep(path)
    assert sweep.points and sweep.columns


def test_the_docs_sweep_file_is_valid():
    text = re.search(r"```toml\n(.*?)```", (ROOT / "docs" / "sweeps.md").read_text(), re.S).group(1)
    sweep = parse_sweep(text)
    assert len(sweep.points) == 3 * 3 * 3 * 5 * 16 and sweep.tasks == 21_600
    assert sweep.points[0].params["doors.strength"] == 10 and sweep.points[-1].params["infection.fight"] == 0.2
