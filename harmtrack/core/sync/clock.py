"""Hybrid logical clocks (Kulkarni et al., 2014): time stamps that follow the wall clock
where they can and never go backwards, even when the wall clock does.

A clock is the text ``f"{ms:013d}.{counter:05d}.{device}"``: milliseconds since the epoch,
a counter for stamps within one millisecond (or while the wall clock is behind), and the
32-hex device id. Every part has a fixed width, so clocks sort as text exactly as they
sort as (ms, counter, device), and two devices can never make the same clock.
"""

from __future__ import annotations

import re
import time
import uuid

from harmtrack.core.common.errors import InvalidEntry

CLOCK_PATTERN = re.compile(r"^(\d{13})\.(\d{5})\.([0-9a-f]{32})$")
DEVICE_PATTERN = re.compile(r"^[0-9a-f]{32}$")
MAX_COUNTER = 99_999


def new_device_id() -> str:
    """A new random device id (32 lowercase hex digits)."""
    return uuid.uuid4().hex


def format_clock(ms: int, counter: int, device: str) -> str:
    return f"{ms:013d}.{counter:05d}.{device}"


def parse_clock(clock: str) -> tuple[int, int, str]:
    """``(ms, counter, device)`` of a clock; InvalidEntry for anything else."""
    match = CLOCK_PATTERN.match(clock) if isinstance(clock, str) else None
    if match is None:
        raise InvalidEntry("not a sync clock")
    return int(match[1]), int(match[2]), match[3]


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


class Clock:
    """This device's clock for one pass; its state (``last``) is kept in the sync state."""

    def __init__(self, device: str, last: str = "") -> None:
        if not DEVICE_PATTERN.match(device):
            raise InvalidEntry("not a sync device id")
        self.device = device
        self._ms, self._counter = 0, -1
        self._last = ""
        if last:
            self.observe(last)

    def tick(self, physical_ms: int | None = None) -> str:
        """A new clock, greater than every clock ticked or observed so far."""
        physical = wall_ms() if physical_ms is None else physical_ms
        if physical > self._ms:
            self._ms, self._counter = physical, 0
        else:
            self._counter += 1
            if self._counter > MAX_COUNTER:  # keeps the fixed width: borrow a millisecond
                self._ms, self._counter = self._ms + 1, 0
        self._last = format_clock(self._ms, self._counter, self.device)
        return self._last

    def observe(self, clock: str) -> None:
        """The receive rule: the next tick comes after ``clock`` (another device's or ours)."""
        ms, counter, _device = parse_clock(clock)
        if (ms, counter) > (self._ms, self._counter):
            self._ms, self._counter = ms, counter
        self._last = max(self._last, clock)

    @property
    def last(self) -> str:
        """The greatest clock ticked or observed ("" before any)."""
        return self._last
