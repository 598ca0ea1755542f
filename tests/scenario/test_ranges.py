"""Each number's range is declared once (scenario.fields.Range): the checks enforce it, and
docs/scenario-format.md states it."""

import math
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from hyosan.scenario import fields as f
from hyosan.scenario import science
from hyosan.scenario.fields import Range
from hyosan.scenario.ranges import ranges, table

DOC = Path(__file__).parents[2] / "docs" / "scenario-format.md"
RANGED = {name: kind for name, kind in {**vars(f), **vars(science)}.items()
          if any(isinstance(m, Range) for m in getattr(kind, "__metadata__", ()))}


def test_the_docs_state_the_schemas_ranges():
    section = DOC.read_text().split("## Ranges", 1)[1].split("\n## ", 1)[0]
    stated = dict(re.findall(r"^\| `(.+)` \| (.+) \|$", section, re.M))
    declared = {field: str(bounds) for field, bounds in ranges().items()}
    assert stated == declared, ("docs/scenario-format.md's table of ranges differs from the "
                                "schema's; paste this one:\n" + table())


def test_every_kind_of_number_has_a_row():
    assert len(ranges()) >= 40
    assert str(ranges()["[map].capacity"]) == "an integer from 0 to 2147483647"
    assert str(ranges()["[model].initial.*"]) == "an integer from 0 to 1000000000000"


def _range(kind) -> Range:
    return next(m for m in kind.__metadata__ if isinstance(m, Range))


def _accepts(kind, value) -> bool:
    try:
        TypeAdapter(kind).validate_python(value)
        return True
    except ValidationError as e:
        assert "expected" in str(e)  # a 'found X, expected Y' message, never another exception
        return False


@pytest.mark.parametrize("name", sorted(RANGED))
def test_a_check_enforces_its_declared_range(name):
    kind, bounds = RANGED[name], _range(RANGED[name])
    whole = bounds.noun == "an integer"
    assert _accepts(kind, bounds.low) != bounds.above
    assert not _accepts(kind, bounds.low - 1)
    if bounds.high < math.inf:
        assert _accepts(kind, int(bounds.high) if whole else bounds.high)
        assert not _accepts(kind, int(bounds.high) + 1 if whole else bounds.high * 1.5)
    for junk in (math.nan, math.inf, -math.inf, 10**400, True, "x"):
        assert not _accepts(kind, junk) or (junk == 10**400 and whole and bounds.high == math.inf)


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(sorted(RANGED)), x=st.floats(allow_nan=False, allow_infinity=False))
def test_a_number_is_accepted_exactly_when_in_range(name, x):
    """300 cases: any float is accepted if and only if its field's range holds it (an integer
    field takes integers only)."""
    kind, bounds = RANGED[name], _range(RANGED[name])
    if bounds.noun == "an integer":
        x = int(x) if abs(x) < 1e18 else 0
    assert _accepts(kind, x) == (x in bounds)
