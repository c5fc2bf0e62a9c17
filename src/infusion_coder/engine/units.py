"""Minutes → units (rulebook §2 T4–T6 and the threshold table §2.1)."""

from __future__ import annotations

INFUSION_MIN = 16  # an infusion code needs more than 15 minutes (T5)
HYDRATION_MIN = 31  # hydration needs more than 30 minutes (T5, Y5)
COVERS = 90  # an initial/sequential first-hour code covers up to 90 minutes (T4)
HOUR = 60
REPEAT_PUSH_GAP = 30  # 96376 needs more than 30 minutes after the last reported push (P1)
LOADING_PUSH_GAP = 15  # P15


def addon_hours(minutes: int) -> int:
    """Additional-hour units after a first-hour code: 0 up to 90 minutes, then one per
    started hour past the midpoint (91 → 1, 151 → 2, 211 → 3 …)."""
    if minutes <= COVERS:
        return 0
    return -(-(minutes - COVERS) // HOUR)


def secondary_hydration_units(minutes: int) -> int:
    """96361 alone (hydration that is not the initial service): 1 at 31, then +1 at 91, 151 …"""
    if minutes < HYDRATION_MIN:
        return 0
    return 1 + addon_hours(minutes)


def unit_thresholds(first: int, units: int) -> list[int]:
    """Minute counts at which each of ``units`` units is earned (first unit at ``first``,
    the k-th additional unit at 90 + 60·(k−1) + 1)."""
    out = [first]
    for k in range(1, units):
        out.append(COVERS + HOUR * (k - 1) + 1)
    return out
