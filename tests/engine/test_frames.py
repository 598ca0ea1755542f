import numpy as np
from hypothesis import given, settings, strategies as st

from hyosan.engine.frames import block_of_cells, count_blocks
from hyosan.people.states import BITTEN, DEAD, ESCAPED, HALFBIE, HUMAN, ZOMBIE


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 3), st.integers(1, 30), st.integers(1, 30), st.integers(1, 7), st.integers(0, 500),
       st.integers(0, 2**32 - 1), st.integers(1, 4))
def test_density_blocks_count_the_living_where_they_stand(floors, rows, cols, block, people, seed, parts):
    rng = np.random.default_rng(seed)
    state = rng.choice(np.array([HUMAN, BITTEN, ZOMBIE, HALFBIE, DEAD, ESCAPED], np.uint8), people)
    cell = rng.integers(0, floors * rows * cols, people).astype(np.int32)
    block_of = block_of_cells(floors, rows, cols, block)
    blocks = floors * -(-rows // block) * -(-cols // block)
    humans, zombies = np.zeros(blocks, np.uint32), np.zeros(blocks, np.uint32)
    count_blocks(state, cell, block_of, humans, zombies, parts)

    floor, rest = np.divmod(cell, rows * cols)
    row, col = np.divmod(rest, cols)
    expected = (floor * -(-rows // block) + row // block) * -(-cols // block) + col // block
    living = np.isin(state, (HUMAN, BITTEN, HALFBIE))
    assert np.array_equal(humans, np.bincount(expected[living], minlength=blocks))
    assert np.array_equal(zombies, np.bincount(expected[state == ZOMBIE], minlength=blocks))
