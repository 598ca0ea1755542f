import numpy as np

from conftest import make_scenario
from hyosan import Simulation
from hyosan.events import KINDS
from hyosan.people.states import HALFBIE

from .effects import SEEDS, assert_lowers

# A classroom (a shelter) opening onto a long corridor.
SCHOOL = "\n".join(["#" * 50, "#gggggg#" + "." * 41 + "#", "#gggggg+" + "." * 41 + "#",
                    "#gggggg#" + "." * 41 + "#", "#" * 50])
ROOMS = 'g = {name = "classroom", shelter = true}'


def classroom(isolate: bool, state: str = "bitten"):
    return make_scenario(SCHOOL, ROOMS, f"""
        [infection]
        incubation = "1m"
        halfbie = 0

        [movement]
        sense = "8m"
        chase = "8m"

        [behaviours]
        self_isolate = {str(isolate).lower()}
        expel = false
        hostile = false

        [[character]]
        name = "Nam-ra"
        where = "classroom"
        group = "class"
        state = "{state}"
        traits = {{altruism = 0.9, bravery = 0.7}}

        [[people]]
        where = "classroom"
        count = 10
        group = "class"
        """, duration="100s")


def run(scenario, seed: int) -> Simulation:
    """A run where everyone has heard the alarm: Nam-ra knows what her bite means."""
    sim = Simulation(scenario, seed)
    sim.people.alert[:] = 1
    sim.run()
    return sim


def bites_on_the_group(sim) -> float:
    """Classmates bitten by Nam-ra (after she turned)."""
    ev = sim.events.arrays()
    bites = (ev["kind"] == KINDS.index("bite")) & (ev["actor"] == 0)
    return float(np.isin(ev["target"][bites], np.arange(1, 11)).sum())


def test_leaving_the_group_spares_it():
    """100 seeds each way: classmates bitten by Nam-ra after she turns, with self_isolate on vs
    off (the vote, `expel`, off in both). Seen: 0.13 on, 1.51 off (p ~ 8e-31)."""
    on = np.array([bites_on_the_group(run(classroom(True), s)) for s in range(SEEDS)])
    off = np.array([bites_on_the_group(run(classroom(False), s)) for s in range(SEEDS)])
    assert_lowers(on, off)


def test_a_halfbie_leaves_and_keeps_away():
    sim = Simulation(classroom(True, state="halfbie"), 4)
    sim.people.alert[:] = 1
    sim.run()
    ev = sim.events.arrays()
    left = ev["kind"] == KINDS.index("self_isolate")
    assert list(ev["actor"][left]) == [0]
    assert sim.people.state[0] == HALFBIE
    assert sim.people.group[0] == -1 and sim.people.left_group[0] == 0
    # she walked out of the classroom, well away from the others
    assert sim.world.zone[sim.people.cell[0]] != 0
    assert np.all(np.abs(sim.people.cell[1:] % 50 - sim.people.cell[0] % 50) > 10)


def test_the_unaware_and_the_selfish_stay():
    sim = Simulation(classroom(True), 4)  # nobody alarmed: she does not know what the bite means
    sim.run(until=50)
    assert sim.people.group[0] == 0
    selfish = make_scenario(SCHOOL, ROOMS, """
        [[character]]
        name = "Gwi-nam"
        where = "classroom"
        group = "class"
        state = "halfbie"
        traits = {altruism = 0.1}

        [[people]]
        where = "classroom"
        count = 3
        group = "class"
        """)
    sim = Simulation(selfish, 1)
    sim.run(until=100)
    assert sim.people.group[0] == 0


def test_leaving_is_a_credited_act():
    """The heroes report replays it with the act forbidden (a halfbie always knows what she is)."""
    from hyosan.report.heroes import credit_acts

    scenario = classroom(True, state="halfbie")
    sim = Simulation(scenario, 4)
    sim.run()
    credits = credit_acts(scenario, 4, sim.events.arrays(), budget=10, horizon_s=30)
    assert [c.act.kind for c in credits] == ["self_isolate"] and credits[0].act.actor == 0
