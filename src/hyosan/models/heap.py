"""An indexed binary min-heap of cell times for the next-subvolume method (numba).

heap[i] is a cell, pos[cell] its place in the heap, times[cell] its next event time.
"""

from __future__ import annotations

from numba import njit


@njit(cache=True)
def _swap(heap, pos, i, j):
    a, b = heap[i], heap[j]
    heap[i], heap[j] = b, a
    pos[b], pos[a] = i, j


@njit(cache=True)
def sift_down(heap, pos, times, i):
    n = heap.shape[0]
    while True:
        left = 2 * i + 1
        small = i
        if left < n and times[heap[left]] < times[heap[small]]:
            small = left
        if left + 1 < n and times[heap[left + 1]] < times[heap[small]]:
            small = left + 1
        if small == i:
            return
        _swap(heap, pos, i, small)
        i = small


@njit(cache=True)
def sift_up(heap, pos, times, i):
    while i > 0:
        parent = (i - 1) // 2
        if times[heap[i]] >= times[heap[parent]]:
            return
        _swap(heap, pos, i, parent)
        i = parent


@njit(cache=True)
def heapify(heap, pos, times):
    for i in range(heap.shape[0]):
        pos[heap[i]] = i
    for i in range(heap.shape[0] // 2 - 1, -1, -1):
        sift_down(heap, pos, times, i)


@njit(cache=True)
def retime(heap, pos, times, cell, t):
    """Give `cell` the time t and restore the heap order."""
    old = times[cell]
    times[cell] = t
    if t < old:
        sift_up(heap, pos, times, pos[cell])
    else:
        sift_down(heap, pos, times, pos[cell])
