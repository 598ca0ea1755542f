"""The heroes of many outbreaks: `hyosan heroes SCENARIO --seeds ...` on a small scenario."""

import numpy as np
import pyarrow.parquet as pq
import pytest
from hypothesis import given, strategies as st

from behaviours.test_decoy import gym
from hyosan import Simulation
from hyosan.ensemble.heroes import MARKDOWN, SOMEONE, TABLE, ensemble_heroes, one_seed, parse_seeds
from hyosan.events import KINDS

SEEDS = [1, 2, 3, 4]


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    out = tmp_path_factory.mktemp("heroes")
    ensemble_heroes(gym(True, others_bravery=0.0), SEEDS, out, budget=8, acts=3, workers=2, progress=False)
    return out


def test_the_article_counts_the_acts_of_each_seed(article):
    """How often Joon-yeong's decoy happened, as the runs themselves say; and the table holds
    a row for every act replayed in every seed, as one seed replayed alone gives."""
    text = (article / MARKDOWN).read_text()
    decoys = 0
    for seed in SEEDS:
        sim = Simulation(gym(True, others_bravery=0.0), seed)
        sim.run()
        ev = sim.events.arrays()
        decoys += bool(((ev["kind"] == KINDS.index("decoy")) & (ev["actor"] == 0)).any())
    assert decoys >= 2  # the gym's decoy is likely: the test would mean little otherwise
    assert f"| Joon-yeong | `decoy` | {decoys} of 4 |" in text
    table = pq.read_table(article / TABLE)
    alone = one_seed(2, (gym(True, others_bravery=0.0), 8, 3, 1200.0))
    mine = table.filter(np.array(table["seed"].to_pylist()) == 2)
    assert mine["person"].to_pylist() == [c[0] for c in alone.credits]
    assert np.allclose(mine["saved_at_end"].to_numpy(), [c[3] for c in alone.credits])
    assert set(table["person"].to_pylist()) <= {"Joon-yeong", SOMEONE}


def test_the_ten_greatest_are_ranked_by_lives_saved(article):
    """In the gym where nobody else is brave, Joon-yeong's decoy saves lives in every seed
    (3.8 on average over seeds 1-4, 90% interval 0.2 to 7.3): it comes first."""
    rows = [line for line in (article / MARKDOWN).read_text().splitlines() if line.startswith("| ") and
            line.split("|")[1].strip().isdigit()]
    assert 1 <= len(rows) <= 10
    saved = [float(r.split("|")[6]) for r in rows]
    assert saved == sorted(saved, reverse=True)
    assert rows[0].startswith("| 1 | Joon-yeong | `decoy` | 4 of 4 |") and saved[0] > 1


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(0, 20)), min_size=1, max_size=6))
def test_seeds_parse_as_written(ranges):
    text = ",".join(f"{lo}-{lo + n}" if n else str(lo) for lo, n in ranges)
    expected = list(dict.fromkeys(s for lo, n in ranges for s in range(lo, lo + n + 1)))
    assert parse_seeds(text) == expected


@pytest.mark.parametrize("bad", ["", "a", "5-2", "1-", "-3", "1,,2"])
def test_bad_seeds_say_what_is_expected(bad):
    with pytest.raises(ValueError, match="expected a seed"):
        parse_seeds(bad)
