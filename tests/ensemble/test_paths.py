"""Dotted paths into a scenario: read, written into a copy, values parsed as in scenario files."""

import pytest

import hyosan
from hyosan.ensemble.paths import PathError, apply, get, parse_path, parse_value
from hyosan.scenario.model import fixed


@pytest.fixture(scope="module")
def high():
    return hyosan.load("hyosan-high")


def test_paths_parse_into_names_indices_and_bracketed_names():
    assert parse_path("infection.bite") == ("infection", "bite")
    assert parse_path("people[0].traits.altruism") == ("people", 0, "traits", "altruism")
    assert parse_path("characters['Nam On-jo'].traits.bravery") == ("characters", "Nam On-jo", "traits", "bravery")
    for bad in ("", "infection..bite", ".bite", "[0].count", "infection.bite[", "name", "sha256"):
        with pytest.raises(PathError):
            parse_path(bad)


def test_values_take_the_units_and_bounds_of_scenario_files(high):
    def value(path, raw):
        return parse_value(high, parse_path(path), raw)

    assert value("duration", "90s") == 90.0
    assert value("movement.human_speed", "3.6km/h") == pytest.approx(1.0)
    assert value("movement.sense", "50cm") == pytest.approx(0.5)
    assert value("infection.incubation", "2m") == fixed(120.0)
    assert value("people[0].traits.altruism", 0.9) == fixed(0.9)
    assert value("characters['Lee Cheong-san'].traits.bravery", 0.1) == 0.1
    assert value("authorities[0].at", "1h") == 3600.0
    assert value("doors.close", False) is False
    with pytest.raises(PathError, match="expected a number from 0 to 1"):
        value("infection.bite", 1.5)
    with pytest.raises(PathError, match="unknown unit 'm'"):
        value("movement.human_speed", "2m")
    with pytest.raises(PathError, match="expected an integer"):
        value("people[0].count", 2.5)


def test_unknown_names_come_with_the_nearest_valid_one(high):
    for path, hint in (("infection.bit", "did you mean 'bite'"),
                       ("people[0].traits.altruim", "did you mean 'altruism'"),
                       ("characters['Lee Cheongsan'].traits.bravery", "did you mean 'Lee Cheong-san'"),
                       ("movment.human_speed", "did you mean 'movement'"),
                       ("people[99].count", "it has 10 entries"),
                       ("infection", "is a table"),
                       ("model.parameters.kappa", "is not set in this scenario")):
        with pytest.raises(PathError, match=hint.replace("[", r"\[")):
            get(high, parse_path(path))


def test_apply_changes_a_copy_and_leaves_the_base_alone(high):
    changed = apply(high, {"infection.bite": 0.1, "people[1].traits.speed": 0.3,
                           "characters['Nam On-jo'].traits.altruism": 0.2})
    assert changed.infection.bite == 0.1 and high.infection.bite == 0.5
    assert changed.people[1].traits["speed"] == fixed(0.3) and "speed" in high.people[1].traits
    assert changed.people[1].traits["strength"] == high.people[1].traits["strength"]
    on_jo = [c for c in changed.characters if c.name == "Nam On-jo"][0]
    assert on_jo.traits["altruism"] == 0.2 and on_jo.traits["bravery"] == 0.7
    assert changed.people[0] is high.people[0] and changed.map is high.map


def test_science_parameters_left_to_their_defaults_can_be_set():
    stochastic = hyosan.load("alemi-szr-stochastic")
    changed = apply(stochastic, {"model.parameters.kappa": 0.3, "model.replicas": 5, "model.initial.S": 50})
    assert changed.model.parameters["kappa"] == 0.3 and changed.model.replicas == 5
    assert changed.model.initial["S"] == 50
    with pytest.raises(PathError, match="did you mean 'kappa'"):
        apply(stochastic, {"model.parameters.kapa": 0.3})
    with pytest.raises(PathError, match="at least 0"):
        apply(stochastic, {"model.parameters.beta": -1.0})
