import numpy as np
from hypothesis import given, settings, strategies as st

from hyosan.engine.skim import holds, next_to_read, words


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 255), min_size=8, max_size=8), st.integers(0, 255))
def test_a_word_holds_a_value_when_one_of_its_bytes_is_it(eight, value):
    word = np.array(eight, np.uint8).view(np.uint64)[0]
    assert holds(word, value) == (value in eight)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 5), max_size=80), st.integers(0, 5), st.data())
def test_skimming_reads_everyone_who_holds_the_value(column, value, data):
    """From any start to any end, as a share of the people would."""
    column = np.array(column, np.uint8)
    lo = data.draw(st.integers(0, len(column)))
    hi = data.draw(st.integers(lo, len(column)))
    read = []
    i = next_to_read(words(column), value, lo, hi)
    while i < hi:
        read.append(i)
        i = next_to_read(words(column), value, i + 1, hi)
    wanted = [j for j in range(lo, hi) if column[j] == value]
    assert set(wanted) <= set(read) and read == sorted(set(read))
    assert all(lo <= j < hi for j in read)
