"""Clock times to integer minutes, and minute intervals."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from infusion_coder.errors import InvalidCase

_EPOCH = datetime(2000, 1, 1)
_HHMM = re.compile(r"^(\d{1,2}):?(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$")
_DEFAULT_DAY = date(2000, 1, 3)

Segment = tuple[int, int]


def parse_clock(value: str, day: date | None, field: str) -> int:
    """``HH:MM`` on ``day`` or an ISO 8601 date-time → minutes since a fixed epoch."""
    minute = _minutes(value, day)
    if minute == _BAD_CLOCK:
        raise InvalidCase(f"{field}: {value!r} is not a valid clock time", field=field)
    if minute == _NOT_A_TIME:
        raise InvalidCase(
            f"{field}: expected HH:MM or an ISO 8601 date-time, got a value of length {len(value)}",
            field=field,
        )
    return minute


# the two ways a time can be wrong, as values so that _minutes can be cached (issue #3: the
# same few clock strings recur across administrations and cases)
_BAD_CLOCK = -(1 << 62)
_NOT_A_TIME = _BAD_CLOCK + 1


@lru_cache(maxsize=16384)
def _minutes(value: str, day: date | None) -> int:
    """``parse_clock`` without the field name: minutes, or ``_BAD_CLOCK``/``_NOT_A_TIME``."""
    m = _HHMM.match(value)
    if m:
        hh, mm = int(m.group(1)), int(m.group(2))
        ampm = m.group(4)
        if ampm:
            if not 1 <= hh <= 12:
                return _BAD_CLOCK
            hh = hh % 12 + (12 if ampm[0] in "Pp" else 0)
        if hh > 23 or mm > 59:
            return _BAD_CLOCK
        return _day_base(day or _DEFAULT_DAY) + hh * 60 + mm
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return _NOT_A_TIME
    if dt.tzinfo is not None:
        dt = dt.replace(tzinfo=None)  # the documented local clock time counts
    return int((dt - _EPOCH).total_seconds() // 60)


@lru_cache(maxsize=1024)
def _day_base(day: date) -> int:
    return int((datetime(day.year, day.month, day.day) - _EPOCH).total_seconds() // 60)


def is_clock_only(value: str) -> bool:
    return bool(_HHMM.match(value))


def minute_to_date(minute: int) -> str:
    return _day(minute // 1440)


@lru_cache(maxsize=4096)
def _day(day: int) -> str:
    return (_EPOCH + timedelta(days=day)).date().isoformat()


def minute_to_clock(minute: int) -> str:
    return (_EPOCH + timedelta(minutes=minute)).strftime("%H:%M")


def total(segments: list[Segment]) -> int:
    if len(segments) == 1:  # the usual case, without a generator (issue #3)
        a, b = segments[0]
        return b - a
    return sum(b - a for a, b in segments)


def subtract(segments: list[Segment], cut: list[Segment]) -> list[Segment]:
    """``segments`` minus the union of ``cut`` (both lists of half-open [a, b) intervals)."""
    out = segments
    for ca, cb in cut:
        if cb <= ca:
            continue
        nxt: list[Segment] = []
        for a, b in out:
            if cb <= a or ca >= b:
                nxt.append((a, b))
                continue
            if a < ca:
                nxt.append((a, ca))
            if cb < b:
                nxt.append((cb, b))
        out = nxt
    return out


def overlap(a: list[Segment], b: list[Segment]) -> int:
    """Minutes shared by two segment lists."""
    shared = 0
    for a0, a1 in a:
        for b0, b1 in b:
            lo, hi = max(a0, b0), min(a1, b1)
            if hi > lo:
                shared += hi - lo
    return shared


def merge(segments: list[Segment]) -> list[Segment]:
    """Union of segments, sorted; touching segments join."""
    out: list[Segment] = []
    for a, b in sorted(segments):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def crossing(segments: list[Segment], minutes: int) -> int | None:
    """The clock minute at which the ``minutes``-th counted minute is reached (None if never)."""
    left = minutes
    for a, b in segments:
        if b - a >= left:
            return a + left - 1
        left -= b - a
    return None
