"""The event sink: kernels log into it, serial or parallel, and the log keeps what they logged."""

import numpy as np
from numba import njit, prange

from hyosan.events import KINDS, EventLog, Sink, gather_parts, log_event


@njit(parallel=True)
def _log_in_parts(sink, n, first, found):
    parts = found.shape[0]
    for part in prange(parts):
        first[part] = m = n + 10 * part
        for i in range(part + 1):
            m = log_event(sink, m, 2, 100 * part + i, -1, part)
        found[part] = m - first[part]


def test_a_parallel_kernel_logs_into_the_sink_and_its_parts_are_gathered_in_order():
    sink = Sink(np.zeros(64, np.uint8), np.zeros(64, np.int32), np.zeros(64, np.int32), np.zeros(64, np.int32))
    first, found = np.zeros(4, np.int64), np.zeros(4, np.int64)
    _log_in_parts(sink, 3, first, found)
    n = gather_parts(first, found, sink, 3)
    assert n == 3 + 1 + 2 + 3 + 4
    assert list(sink.actor[3:n]) == [0, 100, 101, 200, 201, 202, 300, 301, 302, 303]
    assert set(sink.kind[3:n]) == {2}


def test_the_sink_grows_keeping_what_it_holds_and_a_phase_is_committed_at_once():
    log = EventLog()
    log.reserve(4)
    sink, n = log.sink()
    n = log_event(sink, n, KINDS.index("bite"), 1, 2, 3)
    log.wrote(n)
    log.reserve(5000)  # more than it has: it grows
    sink, n = log.sink()
    assert len(sink.kind) >= 5001 and sink.actor[0] == 1
    log.wrote(log_event(sink, n, KINDS.index("kill"), 4, 5, 6))
    log.commit(7)
    ev = log.arrays()
    assert list(ev["tick"]) == [7, 7] and list(ev["actor"]) == [1, 4]
    assert log.sink()[1] == 0
