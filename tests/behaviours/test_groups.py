import numpy as np
import pytest

from conftest import make_scenario
from hyosan import Simulation
from hyosan.behaviours import groups
from hyosan.behaviours.actions import ACTIONS
from hyosan.scenario import ScenarioError
from hyosan.people.states import ESCAPED

from .effects import SEEDS, assert_lowers, assert_raises

# A long hall with an exit at its west end and a shelter off its east end.
HALL = "\n".join(["#" * 52, "#" + "." * 45 + "#ssss#", "E" + "." * 21 + "h" + "." * 23 + "+ssss#",
                  "#" + "." * 45 + "#ssss#", "#" * 52])
ROOMS = 'h = "hall"\ns = {name = "shelter", shelter = true}'


def hall(follow: bool, *, leader_bravery: float = 0.9, named: bool = True):
    return make_scenario(HALL, ROOMS, f"""
        [movement]
        wander = 0.1

        [behaviours]
        follow = {str(follow).lower()}

        [[character]]
        name = "Leader"
        where = "hall"
        group = "class"
        leader = {str(named).lower()}
        traits = {{bravery = {leader_bravery}}}

        [[people]]
        where = "hall"
        count = 15
        group = "class"
        traits = {{bravery = 0.5}}
        """, duration="1m")


def run(scenario, seed: int, alarmed: bool) -> Simulation:
    """A run; `alarmed`: everyone has heard the alarm at the start (they seek safety at once)."""
    sim = Simulation(scenario, seed)
    if alarmed:
        sim.people.alert[:] = 1
    sim.run()
    return sim


def steps_from_leader(sim) -> np.ndarray:
    """Each member's steps from the leader at the end."""
    p = sim.people
    search = groups.searches(sim)
    search.sources[0] = p.cell[0]
    groups.spread(search, 1, 10_000)
    return search.dist[p.cell[1:]]


def test_a_search_stopped_at_the_wanted_cells_agrees_with_the_whole_search_up_to_them():
    sim = Simulation(hall(True), 1)
    search = groups.searches(sim)
    search.sources[0] = sim.people.cell[0]
    reached = groups.spread(search, 1, 10_000)
    whole = search.dist.copy()
    groups.clear(search, reached)
    wanted = np.flatnonzero(whole == 3)[:2].astype(np.int32)  # two cells three steps away
    search.sources[0] = sim.people.cell[0]
    stopped = groups.spread_to(search, 1, 10_000, wanted)
    assert stopped < reached  # it stopped early (the hall and shelter are bigger than that)
    near = whole <= whole[wanted].max()
    assert np.array_equal(search.dist[near], whole[near])
    assert np.all((search.dist == whole) | (search.dist == groups.FAR))


def steps_to_leader(sim) -> float:
    """Mean steps from the members to their leader at the end."""
    return float(np.mean(steps_from_leader(sim)))


def with_leader(sim) -> float:
    """Members who ended where their leader did: escaped with them, or within 5 steps of them."""
    p = sim.people
    if p.state[0] == ESCAPED:
        return float((p.state[1:] == ESCAPED).sum())
    return float(((steps_from_leader(sim) <= 5) & (p.state[1:] != ESCAPED)).sum())


def outcomes(scenario, measure, alarmed: bool) -> np.ndarray:
    return np.array([measure(run(scenario, seed, alarmed)) for seed in range(SEEDS)])


def test_members_keep_with_their_leader():
    """100 seeds each way, nobody alarmed (they stand or wander): mean steps from the 15 members
    to their leader after a minute, following on vs off. Seen: 2.3 on, 14.8 off (p ~ 1e-34).
    Members beyond `reach` (15 steps) come back by regrouping."""
    on = outcomes(hall(True), steps_to_leader, False)
    off = outcomes(hall(False), steps_to_leader, False)
    assert_lowers(on, off)
    assert off.mean() - on.mean() > 5


def test_members_go_where_their_leader_goes():
    """100 seeds each way, everyone alarmed: the exit is at one end of the hall and a shelter at
    the other, and each member heads for the nearer unless they follow the leader's destination.
    Outcome: members who end where the leader does (escaped, or in the same shelter), following
    on vs off. Seen: 13.7 of 15 on, 7.8 off (p ~ 3e-26)."""
    on = outcomes(hall(True), with_leader, True)
    off = outcomes(hall(False), with_leader, True)
    assert_raises(on, off)


def test_followers_and_regroupers_are_seen():
    sim = Simulation(hall(True), 2)
    seen = set()
    for _ in range(60):
        sim.step()
        seen |= set(np.unique(sim.people.action).tolist())
    assert ACTIONS.index("follow") in seen
    assert ACTIONS.index("regroup") in seen


def test_the_named_leader_leads_else_the_bravest():
    sim = Simulation(hall(True, leader_bravery=0.2), 1)
    assert groups.leader_of(sim, 0) == 0  # named, though not the bravest
    assert list(groups.members_of(sim, 0)) == list(range(16))
    sim = Simulation(hall(True, leader_bravery=0.2, named=False), 1)
    bravest = 1 + int(np.argmax(sim.people.bravery[1:]))
    assert groups.leader_of(sim, 0) == bravest
    sim.people.state[bravest] = 4  # dead: the next bravest leads
    assert groups.leader_of(sim, 0) != bravest
    assert groups.leaders(sim).shape == (1,)


def test_leaders_are_validated():
    body = """
        [[character]]
        name = "A"
        where = "hall"
        leader = true

        [[character]]
        name = "B"
        where = "hall"
        group = "x"
        leader = true

        [[character]]
        name = "C"
        where = "hall"
        group = "x"
        leader = true
        """
    with pytest.raises(ScenarioError) as e:
        make_scenario(HALL, ROOMS, body)
    text = str(e.value)
    assert "'A', who has no group" in text
    assert "second leader of group 'x' ('B' leads it already)" in text


def test_a_restored_run_follows_and_leaves_the_same_way():
    """Headings, outcasts and votes are columns: a run restored mid-way ends bit for bit alike."""
    from conftest import same_arrays
    from .test_self_isolate import classroom

    for scenario, until in ((hall(True), 20), (classroom(True), 40)):
        sim = Simulation(scenario, 5)
        sim.people.alert[:] = 1
        sim.run(until=until)
        saved = {k: v.copy() for k, v in sim.state_arrays().items()}
        sim.run()
        again = Simulation(scenario, 5)
        again.restore_arrays(saved)
        again.run()
        assert same_arrays(sim.state_arrays(), again.state_arrays())


def test_hyosan_high_names_nam_ra_the_leader_of_her_class():
    from hyosan import load

    sim = Simulation(load("hyosan-high"), 7)
    nam_ra = sim.people.id_of("Choi Nam-ra")
    assert groups.leader_of(sim, sim.people.groups.index("class 2-5")) == nam_ra
