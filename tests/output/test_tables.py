import numpy as np
import pytest

from hyosan import Simulation, load_scenario
from hyosan.output.rundir import RunDirError, free_name, prepare
from hyosan.output.tables import events_table, people_table, timeseries_table


@pytest.fixture(scope="module")
def finished():
    sim = Simulation(load_scenario("hyosan-high").replace(duration=1800.0), 3)
    sim.run()
    return sim


def test_people_table_agrees_with_the_events(finished):
    people = people_table(finished).to_pandas()
    events = events_table(finished).to_pandas()
    assert len(people) == finished.people.count
    bites = events[events.kind == "bite"]
    assert set(bites.target) == set(people.id[people.infected_tick > 0])
    assert (people.loc[bites.target, "infected_by"].to_numpy() == bites.actor.to_numpy()).all()
    kills = events[events.kind == "kill"]
    assert set(kills.target) == set(people.id[people.state == "dead"])
    assert set(people.cause[people.state == "escaped"]) <= {"escaped"}
    named = people[people.name.notna()]
    assert "Lee Cheong-san" in set(named.name) and len(named) == len(finished.people.names)


def test_timeseries_totals_and_rooms(finished):
    ts = timeseries_table(finished).to_pandas()
    states = ["human", "bitten", "zombie", "halfbie", "dead", "escaped"]
    totals = ts[ts.zone == "all"]
    assert len(totals) == finished.ticks + 1
    assert (totals[states].sum(axis=1) == finished.people.count).all()
    rooms = ts[ts.zone != "all"].groupby("tick")[states].sum()
    assert (rooms.to_numpy() <= totals.set_index("tick")[states].to_numpy()).all()
    assert np.allclose(totals.time_s, totals.tick * finished.scenario.tick)


def test_event_cells_are_on_their_floor(finished):
    ev = events_table(finished).to_pandas()
    w = finished.world
    assert ev.floor.between(0, len(w.floors) - 1).all()
    assert ev.cell.between(0, w.rows * w.cols - 1).all()
    lab = ev[(ev.kind == "start")]
    assert set(lab.detail) == {"science lab"}


def test_run_directories_are_never_reused(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x").write_text("keep")
    with pytest.raises(RunDirError, match="not empty"):
        prepare(tmp_path / "a")
    assert free_name(tmp_path, "a") == tmp_path / "a-2"
    assert prepare(tmp_path / "b").is_dir()


def test_replay_frames_match_the_time_series(finished):
    from hyosan.output.tables import replay_table

    replay = replay_table(finished).to_pandas()
    every = finished.frames.every
    assert every == -(-finished.ticks // 400)
    ts = timeseries_table(finished).to_pandas()
    totals = ts[ts.zone == "all"].set_index("tick")
    for tick in (0, every * 7, finished.ticks // every * every):
        frame = replay[replay.tick == tick]
        assert len(frame) == finished.people.count
        counts = frame.state.astype(str).value_counts()
        for state, n in counts.items():
            assert totals.loc[tick, state] == n


def test_density_frames_for_a_crowd():
    from hyosan.engine import frames as frames_module
    from hyosan.output.tables import replay_table

    scenario = load_scenario("classroom").replace(duration=120.0)
    old = frames_module.PER_PERSON
    frames_module.PER_PERSON = 10  # treat the classroom as a crowd
    try:
        sim = Simulation(scenario, 1)
    finally:
        frames_module.PER_PERSON = old
    sim.run()
    replay = replay_table(sim).to_pandas()
    assert set(replay.columns) == {"tick", "floor", "row", "col", "humans", "zombies"}
    walking = np.isin(sim.people.state, (0, 1, 2, 3)).sum()
    last = replay[replay.tick == replay.tick.max()]
    assert last.humans.sum() + last.zombies.sum() == walking
