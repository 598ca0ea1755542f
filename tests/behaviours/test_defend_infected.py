import numpy as np

from conftest import make_scenario
from hyosan import Simulation
from hyosan.events import KINDS

from .effects import SEEDS, assert_lowers

# A small music room (a shelter) off a corridor.
SCHOOL = "\n".join(["#" * 30, "#mmmmm#" + "." * 21 + "#", "#mmmmm+" + "." * 21 + "#",
                    "#mmmmm#" + "." * 21 + "#", "#" * 30])
ROOMS = 'm = {name = "music room", shelter = true}'


def music_room(defend: bool, isolate: bool = False, duration: str = "20s"):
    return make_scenario(SCHOOL, ROOMS, f"""
        [infection]
        incubation = "10m"

        [behaviours]
        defend_infected = {str(defend).lower()}
        self_isolate = {str(isolate).lower()}
        hostile = false

        [[character]]
        name = "Nam-ra"
        where = "music room"
        group = "class"
        state = "halfbie"
        traits = {{altruism = 0.85, bravery = 0.75}}

        [[character]]
        name = "Su-hyeok"
        where = "music room"
        group = "class"
        traits = {{altruism = 0.9, bravery = 0.9}}

        [[people]]
        where = "music room"
        count = 6
        group = "class"
        traits = {{altruism = 0.25, bravery = 0.3}}
        """, duration=duration)


def run(scenario, seed: int) -> Simulation:
    """A run where everyone has heard the alarm, so the class knows what Nam-ra is."""
    sim = Simulation(scenario, seed)
    sim.people.alert[:] = 1
    sim.run()
    return sim


def count(sim, kind: str, target: int = 0) -> int:
    ev = sim.events.arrays()
    return int(((ev["kind"] == KINDS.index(kind)) & (ev["target"] == target)).sum())


def test_a_defender_sways_the_vote():
    """100 seeds each way: was Nam-ra (a halfbie) expelled by her class, with defend_infected on
    vs off (self_isolate off in both)? Seen: 0.44 on, 0.78 off (p ~ 4e-7)."""
    on = np.array([count(run(music_room(True), s), "expel") for s in range(SEEDS)], float)
    off = np.array([count(run(music_room(False), s), "expel") for s in range(SEEDS)], float)
    assert_lowers(on, off)


def test_the_vote_is_logged_and_the_expelled_leave():
    defended = expelled = 0
    for seed in range(20):
        sim = run(music_room(True, duration="1m"), seed)
        ev = sim.events.arrays()
        defence = ev["kind"] == KINDS.index("defend_infected")
        assert set(ev["target"][defence]) <= {0}
        defended += int(np.any(ev["actor"][defence] == 1))
        if count(sim, "expel"):
            expelled += 1
            assert sim.people.group[0] == -1 and sim.people.left_group[0] == 0
            assert sim.world.zone[sim.people.cell[0]] != 0  # pushed out of the room
        else:
            assert sim.people.group[0] == 0
        assert sim.people.judged[0] == 1  # the class votes once
        assert count(sim, "expel") <= 1
    assert defended >= 10  # Su-hyeok speaks up most times
    assert 0 < expelled < 20


def test_a_member_kept_may_still_leave_on_their_own():
    """Both on: the vote comes first; when it keeps her, she may still self-isolate later."""
    left = 0
    for seed in range(20):
        sim = run(music_room(True, isolate=True, duration="2m"), seed)
        if not count(sim, "expel"):
            ev = sim.events.arrays()
            left += int(np.any((ev["kind"] == KINDS.index("self_isolate")) & (ev["actor"] == 0)))
    assert left > 0
