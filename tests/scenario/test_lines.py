from hyosan.scenario.lines import LineIndex, field_name

from .samples import VALID


def test_keys_headers_and_entries():
    idx = LineIndex(VALID)
    assert idx.line_of(("scenario",)) == 1
    assert idx.line_of(("scenario", "tick")) == 3
    assert idx.line_of(("map", "text")) == 9
    assert idx.start_of(("map", "text")) == 10
    assert idx.line_of(("map", "rooms", "b")) == 25
    assert idx.line_of(("infection", "incubation", "sigma")) == 30
    assert idx.line_of(("people", 0)) == 32
    assert idx.line_of(("people", 0, "traits", "bravery", "a")) == 35
    assert idx.line_of(("character", 1, "where")) == 45
    assert idx.line_of(("character", 0, "kin", 0)) == 41


def test_unknown_paths_fall_back_to_the_enclosing_table():
    idx = LineIndex(VALID)
    assert idx.line_of(("character", 1, "group")) == 43
    assert idx.line_of(("doors", "close")) is None


def test_dotted_keys_quoted_keys_subtables_and_multiline_arrays():
    text = '[a]\nb.c = 1\n"d e" = 2\n[[p]]\nx = 1\n[[p]]\n[p.t]\ny = [\n  1,\n  "s",\n]\n# c\nz = \'\'\'\nq\'\'\'\n'
    idx = LineIndex(text)
    assert idx.line_of(("a", "b", "c")) == 2
    assert idx.line_of(("a", "d e")) == 3
    assert idx.line_of(("p", 1)) == 6
    assert idx.line_of(("p", 1, "t")) == 7
    assert idx.line_of(("p", 1, "t", "y", 1)) == 10
    assert idx.start_of(("p", 1, "t", "z")) == 14


def test_field_names_count_from_one():
    assert field_name(("infection", "bite")) == "[infection].bite"
    assert field_name(("people", 1, "where")) == "[[people]][2].where"
    assert field_name(("character", 0, "kin", 2)) == "[[character]][1].kin[3]"
    assert field_name(("map", "rooms", "a", "name")) == "[map.rooms].a.name"
    assert field_name(("people",)) == "[[people]]"
