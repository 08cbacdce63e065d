"""Byte mutations shared by the fuzzing suites: each takes the data, a relative position in
it and a free integer, and returns the mutated bytes."""

from __future__ import annotations

from collections.abc import Callable

Mutation = Callable[[bytes, float, int], bytes]


def at(data: bytes, where: float) -> int:
    """The byte offset at relative position `where` (0..1) of `data`."""
    return min(int(where * len(data)), len(data))


def flip(data: bytes, where: float, arg: int) -> bytes:
    """Flip one bit of the byte at `where`."""
    if not data:
        return data
    i = min(at(data, where), len(data) - 1)
    return data[:i] + bytes([data[i] ^ (1 << (arg % 8))]) + data[i + 1 :]


def truncate(data: bytes, where: float, arg: int) -> bytes:
    """Cut the data at `where`."""
    return data[: at(data, where)]


def insert(pool: list[bytes]) -> Mutation:
    """A mutation putting one of `pool` at `where`."""

    def put(data: bytes, where: float, arg: int) -> bytes:
        i = at(data, where)
        return data[:i] + pool[arg % len(pool)] + data[i:]

    return put
