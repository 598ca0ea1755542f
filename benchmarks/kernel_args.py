"""How a kernel should take its arrays: the cost of one call with 16 arrays passed one by one,
as a namedtuple, as a numba structref, or as a jitclass, and of the pass over them; and what
the first use of each costs in a fresh process (making the container, loading the kernel).

    .venv/bin/python -m benchmarks.kernel_args

A tick calls about thirty kernels, so a container that costs tens of microseconds a call would
cost a millisecond a tick: more than a whole tick of the reference model at 100 000 people.
What this measured (2 cores, numba 0.68) chose namedtuples: a call costs about 1 us more than
with the arrays one by one, a namedtuple costs nothing to make and its kernels are cached;
a structref call is cheapest, but each structref type costs about 0.3 s to box in every new
process (every run, every sweep worker), and a jitclass's kernels are not cached at all.
"""

from __future__ import annotations

import time
from collections import namedtuple

import numpy as np
from numba import njit, types
from numba.experimental import jitclass, structref

FIELDS = [f"a{k}" for k in range(16)]
Arrays = namedtuple("Arrays", FIELDS)


@structref.register
class _ArraysType(types.StructRef):
    def preprocess_fields(self, fields):
        return tuple((name, types.unliteral(t)) for name, t in fields)


class ArraysRef(structref.StructRefProxy):
    pass


structref.define_proxy(ArraysRef, _ArraysType, FIELDS)

@jitclass([(name, types.int32[::1]) for name in FIELDS])
class ArraysClass:
    def __init__(self, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15):
        self.a0, self.a1, self.a2, self.a3, self.a4, self.a5, self.a6, self.a7 = a0, a1, a2, a3, a4, a5, a6, a7
        self.a8, self.a9, self.a10, self.a11 = a8, a9, a10, a11
        self.a12, self.a13, self.a14, self.a15 = a12, a13, a14, a15


@njit(cache=True)
def _sum16(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, i):
    return (a0[i] + a1[i] + a2[i] + a3[i] + a4[i] + a5[i] + a6[i] + a7[i] + a8[i] + a9[i] + a10[i]
            + a11[i] + a12[i] + a13[i] + a14[i] + a15[i])


@njit(cache=True)
def positional(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15):
    total = 0
    for i in range(a0.shape[0]):
        total += _sum16(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, i)
    return total


@njit(cache=True)
def bundled(x):
    # the arrays are taken out once, before the loop, as a kernel does with its containers
    a0, a1, a2, a3, a4, a5, a6, a7 = x.a0, x.a1, x.a2, x.a3, x.a4, x.a5, x.a6, x.a7
    a8, a9, a10, a11, a12, a13, a14, a15 = x.a8, x.a9, x.a10, x.a11, x.a12, x.a13, x.a14, x.a15
    total = 0
    for i in range(a0.shape[0]):
        total += _sum16(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, i)
    return total


def _per_call(fn, arg_sets, repeat: int) -> float:
    fn(*arg_sets)  # compile
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(repeat):
            fn(*arg_sets)
        best = min(best, (time.perf_counter() - t0) / repeat)
    return best


def first_use(kind: str) -> float:
    """Seconds to make one container of `kind` and call the kernel on it, in a fresh process."""
    import subprocess
    import sys

    code = ("import time, numpy as np; t0 = time.perf_counter(); import benchmarks.kernel_args as k; "
            "a = [np.arange(10, dtype=np.int32) for _ in range(16)]; "
            f"x = {{'namedtuple': k.Arrays, 'structref': k.ArraysRef, 'jitclass': k.ArraysClass}}['{kind}'](*a); "
            "k.bundled(x); print(time.perf_counter() - t0)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(run.stdout.split()[-1])


def main() -> None:
    print(__doc__.split("\n\n")[0].replace("\n", " "))
    print()
    print(f"{'n':>9s} {'positional':>12s} {'namedtuple':>12s} {'structref':>12s} {'jitclass':>12s}  (us a call)")
    for n, repeat in ((1, 20000), (1000, 5000), (1_000_000, 20)):
        arrays = [np.arange(n, dtype=np.int32) + k for k in range(16)]
        nt, ref, cls = Arrays(*arrays), ArraysRef(*arrays), ArraysClass(*arrays)
        expected = positional(*arrays)
        assert bundled(nt) == bundled(ref) == bundled(cls) == expected
        times = [_per_call(positional, arrays, repeat), _per_call(bundled, [nt], repeat),
                 _per_call(bundled, [ref], repeat), _per_call(bundled, [cls], repeat)]
        print(f"{n:9d} " + " ".join(f"{1e6 * t:12.2f}" for t in times))
    print()
    print("(the container is made once; only the call and the pass are timed)")
    print()
    for kind in ("namedtuple", "structref", "jitclass"):
        first_use(kind)  # the first run may compile and cache
        print(f"first use in a fresh process, {kind}: {first_use(kind):.2f} s (import included)")


if __name__ == "__main__":
    main()
