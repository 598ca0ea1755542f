"""What goes into the page: packing, curves of any kind, and the cuts for huge runs."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from hyosan.report import data
from hyosan.report.data import curves, pack, page_data, unpack


@settings(max_examples=60, deadline=None)
@given(hnp.arrays(st.sampled_from([np.uint8, np.uint16, np.int16, np.int32, np.uint32]),
                  hnp.array_shapes(min_dims=1, max_dims=3, max_side=6)),
       st.booleans())
def test_pack_round_trips_with_and_without_differences(array, delta):
    packed = pack(array, delta=delta)
    json.dumps(packed)
    assert packed["shape"] == list(array.shape)
    assert np.array_equal(unpack(packed), array)


def test_differences_wrap_around_like_the_page():
    frames = np.array([[65535, 0], [0, 65535], [7, 7]], np.uint16)  # steps that overflow uint16
    assert np.array_equal(unpack(pack(frames, delta=True)), frames)


def test_int64_is_sent_as_int32_when_it_fits():
    assert pack(np.arange(5, dtype=np.int64))["packed"] == "int32"
    assert pack(np.array([2**40], np.int64))["packed"] == "float64"


def test_a_lattice_replays_its_snapshots_in_blocks(lattice_run, monkeypatch):
    monkeypatch.setattr(data, "LATTICE_BLOCKS", 1000)  # 90 x 140 cells: blocks of 4 x 4
    manifest = json.loads((lattice_run / "manifest.json").read_text())
    frames = data.read_frames(lattice_run, manifest)
    lattice = np.load(lattice_run / "lattice.npz")
    assert frames["block"] == 4 and (frames["block_rows"], frames["block_cols"]) == (23, 35)
    assert frames["tick"].tolist() == [0, 40, 80, 120]
    assert np.array_equal(frames["humans"].sum(axis=1), lattice["humans"].sum(axis=(1, 2)))
    assert np.array_equal(frames["zombies"].sum(axis=1), lattice["zombies"].sum(axis=(1, 2)))
    world = data.run_map(lattice_run, None)
    assert world.shape == (1, 90, 140)
    assert (world.terrain[0, :, :20] == data.TERRAIN_NAMES.index("water")).all()


def test_quantiles_become_bands(science_run):
    c = curves(science_run)
    assert c["series"] == ["S", "Z", "R"] and c["bands"] == ["S"]
    assert (unpack(c["low"]) <= unpack(c["values"])[:, :, :1]).all()


def test_curves_of_a_science_run(tmp_path):
    """An ode-like timeseries: time and float compartments, no zone column."""
    t = np.linspace(0, 86400, 50)
    pq.write_table(pa.table({"tick": np.arange(50), "time_s": t, "S": 500 - t / 1000, "Z": t / 1000,
                             "R": np.zeros(50)}), tmp_path / "timeseries.parquet")
    c = curves(tmp_path)
    assert c["series"] == ["S", "Z", "R"] and c["zones"] == ["all"]
    values = unpack(c["values"])
    assert values.shape == (50, 1, 3)
    assert np.allclose(values[:, 0, 1], t / 1000)


def test_curves_per_zone_of_an_agent_run(school_run):
    c = curves(school_run.run_dir)
    ts = pq.read_table(school_run.run_dir / "timeseries.parquet").to_pandas()
    assert c["zones"][0] == "all" and set(c["zones"]) == set(ts.zone)
    values, ticks = unpack(c["values"]), unpack(c["tick"])
    library = ts[ts.zone == "library"].set_index("tick")
    z = c["zones"].index("library")
    for s, name in enumerate(c["series"]):
        assert np.array_equal(values[:, z, s], library.loc[ticks, name].to_numpy())


def test_huge_runs_are_cut_but_keep_every_named_person(crowd_run, monkeypatch):
    monkeypatch.setattr(data, "PEOPLE_ROWS", 100)
    monkeypatch.setattr(data, "EVENT_ROWS", 30)
    page = page_data(crowd_run.run_dir)
    assert page["people"]["total"] == crowd_run.manifest["people"]
    assert page["people"]["shown"] == 100
    assert page["events"]["shown"] <= max(30, _world_events(crowd_run))
    assert page["events"]["total"] > page["events"]["shown"]
    assert page["replay"]["kind"] == "density"


def _world_events(run) -> int:
    kinds = pq.read_table(run.run_dir / "events.parquet").column("kind").to_pylist()
    return sum(k in data.WORLD_EVENTS for k in kinds)


def test_named_people_and_their_events_survive_the_cut(school_run, monkeypatch):
    monkeypatch.setattr(data, "PEOPLE_ROWS", 5)
    monkeypatch.setattr(data, "EVENT_ROWS", 5)
    page = page_data(school_run.run_dir)
    ids = unpack(page["people"]["columns"]["id"])
    assert {0, 1, 2} <= set(ids.tolist()) and len(ids) == 5
    events = pq.read_table(school_run.run_dir / "events.parquet").to_pandas()
    mine = events[(events.actor == 2) | (events.target == 2)]
    actors = unpack(page["events"]["columns"]["actor"])
    targets = unpack(page["events"]["columns"]["target"])
    assert ((actors == 2) | (targets == 2)).sum() == len(mine) > 0


def test_people_frames_match_the_replay_table(school_run):
    frames = data.read_frames(school_run.run_dir, school_run.manifest)
    replay = pq.read_table(school_run.run_dir / "replay.parquet").to_pandas()
    last = replay[replay.tick == replay.tick.max()].set_index("id")
    k = len(frames["tick"]) - 1
    assert np.array_equal(frames["row"][k], last.row.to_numpy())
    assert [data.STATE_NAMES[s] for s in frames["state"][k]] == list(last.state.astype(str))
