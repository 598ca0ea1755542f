import numpy as np

from hyosan import Simulation
from hyosan.report.heroes import candidate_acts, credit_acts
from hyosan.report.heroes_article import heroes_markdown

from behaviours.test_decoy import gym


def test_a_decoy_is_credited_with_the_lives_it_saved():
    """The gym, where only Joon-yeong is brave enough to be a decoy: the counterfactual replay
    of his act (8 replicas) finds lives saved, as the 100-seed effect test does. (When others
    would have stepped up in his place, the act saves little: someone else does it.)"""
    scenario = gym(True, others_bravery=0.0)
    sim = Simulation(scenario, 3)
    sim.run()
    events = sim.events.arrays()
    credits = credit_acts(scenario, 3, events, replicas=8, acts=3, horizon_s=None)
    decoys = [c for c in credits if c.act.kind == "decoy"]
    assert decoys, [c.act for c in credits]
    assert decoys[0].saved > 1 and decoys[0].low > 0
    text = heroes_markdown(sim, credits, 8, None)
    assert "Joon-yeong drew the zombies onto themself" in text


def test_the_ranking_is_the_same_when_recomputed():
    scenario = gym(True)
    sim = Simulation(scenario, 5)
    sim.run()
    events = sim.events.arrays()
    first = credit_acts(scenario, 5, events, replicas=3, acts=4)
    again = credit_acts(scenario, 5, events, replicas=3, acts=4)
    assert first == again
    assert [c.saved for c in first] == sorted((c.saved for c in first), reverse=True)


def test_candidates_are_first_acts_in_credited_order():
    events = {"tick": np.array([5, 3, 9, 4]), "kind": np.array([11, 11, 6, 13]),
              "actor": np.array([2, 2, 7, 1]), "cell": np.array([0, 1, 2, 3]), "target": np.full(4, -1)}
    acts = candidate_acts(events, 10)
    assert [(a.kind, a.actor, a.tick) for a in acts] == [("decoy", 2, 3), ("barricade", 1, 4),
                                                         ("door_closed", 7, 9)]
    named_first = candidate_acts(events, 2, named={7})
    assert [(a.kind, a.actor) for a in named_first] == [("door_closed", 7), ("decoy", 2)]


def test_candidate_kinds_take_turns():
    """Three decoys and a barricade: the barricade is replayed second, not last."""
    events = {"tick": np.array([1, 2, 3, 4]), "kind": np.array([11, 11, 11, 13]),
              "actor": np.array([1, 2, 3, 4]), "cell": np.zeros(4, int), "target": np.full(4, -1)}
    acts = candidate_acts(events, 3)
    assert [(a.kind, a.actor) for a in acts] == [("decoy", 1), ("barricade", 4), ("decoy", 2)]


def test_the_credited_acts_keep_their_order_and_each_has_its_words():
    from hyosan.behaviours.registry import credited_acts

    acts = credited_acts()
    assert list(acts) == ["decoy", "hold_door", "barricade", "door_closed", "upkeep", "shot",
                          "rear_guard", "self_isolate", "defend_infected", "carry", "rescue_person",
                          "messenger", "seek_kin"]
    assert all(phrase.strip() for phrase in acts.values())
