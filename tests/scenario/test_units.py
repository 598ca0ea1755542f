import math

import pytest

from hyosan.scenario.units import parse_duration, parse_length, parse_number, parse_speed


@pytest.mark.parametrize("text, seconds", [
    ("90s", 90), ("2m", 120), ("6h", 21600), ("3d", 259200), ("500ms", 0.5), ("1.5h", 5400),
    (" 10 s ", 10), (45, 45), (2.5, 2.5), ("30", 30), ("0s", 0), ("1e3ms", 1),
])
def test_durations(text, seconds):
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text, metres", [("1m", 1), ("50cm", 0.5), ("2km", 2000), (3, 3), ("0.25", 0.25)])
def test_lengths(text, metres):
    assert parse_length(text) == pytest.approx(metres)


@pytest.mark.parametrize("text, speed", [("1.4m/s", 1.4), ("5km/h", 5 / 3.6), (2, 2), ("3", 3)])
def test_speeds(text, speed):
    assert parse_speed(text) == pytest.approx(speed)


@pytest.mark.parametrize("value, phrase", [
    ("1y", "unknown unit 'y'"), ("abc", "expected a duration like"), ("-5s", "at least 0"),
    (True, "found true"), ([1], "found an array"), (math.inf, "finite"), ("", "expected a duration"),
    ("5 m s", "expected a duration"),
])
def test_bad_durations(value, phrase):
    with pytest.raises(ValueError, match="found") as info:
        parse_duration(value)
    assert phrase in str(info.value)


def test_bad_length_and_speed_name_the_units():
    with pytest.raises(ValueError, match="unknown unit 'mi'.*cm, m, km"):
        parse_length("3mi")
    with pytest.raises(ValueError, match=r"unknown unit 'mph'.*m/s, km/h"):
        parse_speed("3mph")
    with pytest.raises(ValueError, match="found '1m', expected a number"):
        parse_number("1m")


@pytest.mark.parametrize("text, seconds", [("1h20m", 4800.0), ("2m30s", 150.0), ("1d2h", 93600.0),
                                           ("1m500ms", 60.5)])
def test_compound_durations(text, seconds):
    assert parse_duration(text) == seconds
