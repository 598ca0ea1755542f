import pytest

from hyosan.scenario.distributions import parse_distribution
from hyosan.scenario.errors import FieldError
from hyosan.dice import BETA, EXPONENTIAL, FIXED, LOGNORMAL, NORMAL, UNIFORM
from hyosan.scenario.model import Distribution
from hyosan.scenario.units import parse_duration


@pytest.mark.parametrize("raw, expected", [
    (0.3, Distribution(FIXED, 0.3)),
    ({"dist": "fixed", "value": 2}, Distribution(FIXED, 2.0)),
    ({"dist": "uniform", "low": 0, "high": 1}, Distribution(UNIFORM, 0.0, 1.0)),
    ({"dist": "normal", "mean": 5, "sd": 2}, Distribution(NORMAL, 5.0, 2.0)),
    ({"dist": "lognormal", "median": 3, "sigma": 0.5}, Distribution(LOGNORMAL, 3.0, 0.5)),
    ({"dist": "beta", "a": 2, "b": 5}, Distribution(BETA, 2.0, 5.0)),
    ({"dist": "exponential", "mean": 4}, Distribution(EXPONENTIAL, 4.0)),
])
def test_plain_distributions(raw, expected):
    assert parse_distribution(raw) == expected


def test_duration_parameters_take_units():
    d = parse_distribution({"dist": "lognormal", "median": "2m", "sigma": 0.7}, parse_duration)
    assert d == Distribution(LOGNORMAL, 120.0, 0.7)
    assert parse_distribution("90s", parse_duration) == Distribution(FIXED, 90.0)
    d = parse_distribution({"dist": "normal", "mean": "1h", "sd": "10m"}, parse_duration)
    assert (d.a, d.b) == (3600.0, 600.0)


def items(raw, **kw):
    with pytest.raises(FieldError) as info:
        parse_distribution(raw, **kw)
    return info.value.items


@pytest.mark.parametrize("raw, path, phrase", [
    ({"dist": "normal", "mean": 1, "sd": 0}, ("sd",), "greater than 0"),
    ({"dist": "lognormal", "median": 1, "sigma": -1}, ("sigma",), "greater than 0"),
    ({"dist": "beta", "a": 0, "b": 1}, ("a",), "greater than 0"),
    ({"dist": "uniform", "low": 2, "high": 1}, ("high",), "low <= high"),
    ({"dist": "exponential", "mean": 0}, ("mean",), "greater than 0"),
    ({"dist": "lognorm", "median": 1, "sigma": 1}, ("dist",), "did you mean 'lognormal'?"),
    ({"dist": "normal", "mean": 1, "sdd": 1}, ("sdd",), "did you mean 'sd'?"),
    ({"median": 1}, (), "missing key 'dist'"),
    ({"dist": "beta", "a": 1}, (), "missing parameter 'b'"),
    ({"dist": "beta", "a": "x", "b": 1}, ("a",), "expected a number"),
    ("fast", (), "or a distribution like"),
])
def test_bad_distributions(raw, path, phrase):
    found = items(raw)
    assert any(p == path and phrase in m for p, m in found), found


def test_bounds_apply_to_location_parameters():
    assert parse_distribution({"dist": "uniform", "low": 0.2, "high": 0.9}, bounds=(0, 1)).b == 0.9
    assert items(1.5, bounds=(0, 1)) == [((), "found 1.5, expected a number from 0 to 1")]
    assert items({"dist": "uniform", "low": 0, "high": 2}, bounds=(0, 1))[0][0] == ("high",)


def test_every_problem_is_reported():
    found = items({"dist": "normal", "meen": 1, "sd": "x", "foo": 2})
    assert {p for p, _ in found} == {("meen",), ("sd",), ("foo",), ()}
