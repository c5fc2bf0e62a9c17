"""Medically unlikely edits: units above the MUE of the claim's setting (NCCI MUE tables)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from infusion_coder.edits._context import Ctx
from infusion_coder.edits.models import Claim
from infusion_coder.edits.registry import Hit, check

APPEAL: dict[int, str] = {
    1: "MAI 1 (line edit): the units above the MUE on this line deny; if more were given and "
    "necessary, report them on another line with a modifier that explains it (76, 77, 59 or "
    "X{EPSU}) and keep the documentation",
    2: "MAI 2 (date-of-service edit, policy): the limit is absolute by policy or CPT "
    "instruction; units above it are not payable and an appeal will not change that",
    3: "MAI 3 (date-of-service edit, clinical): units above the MUE deny, but the denial may be "
    "appealed with documentation that the units were given and medically necessary",
}


@check(
    "MUE001",
    "units-above-mue",
    severity="error",
    summary="A code's units exceed the medically unlikely edit (MUE) of the claim's setting.",
    fix="Bill the units the documentation supports; for MAI 1 split additional units onto a "
    "modified line, for MAI 3 appeal with documentation, for MAI 2 remove them.",
    sources=("NCCI MUE", "§20"),
)
def units_above_mue(claim: Claim, ctx: Ctx) -> Iterator[Hit]:
    pi = ctx.pi
    per_day: dict[tuple[str, str | None], list[int]] | None = None
    for row in ctx.rows:
        mue = row.f.mue[pi]
        if mue is None:
            continue
        if mue.mai == 1:
            if row.units > mue.value:
                yield Hit(
                    [row.n],
                    _message(row.code, row.units, mue.value, mue.mai, ctx, "on this line"),
                    f"lines[{row.n - 1}].units",
                )
            continue
        if per_day is None:
            per_day = defaultdict(list)
        per_day[row.code, row.date].append(row.n - 1)
    if per_day is None:
        return
    rows = ctx.rows
    for (code, date), idx in per_day.items():
        mue = rows[idx[0]].f.mue[pi]
        assert mue is not None
        units = sum(rows[i].units for i in idx) if len(idx) > 1 else rows[idx[0]].units
        if units > mue.value:
            where = f"on {date}" if date else "on the date of service"
            yield Hit(
                [i + 1 for i in idx],
                _message(code, units, mue.value, mue.mai, ctx, where),
                f"lines[{idx[0]}].units",
            )


def _message(code: str, units: int, value: int, mai: int | None, ctx: Ctx, where: str) -> str:
    table = "practitioner" if ctx.professional else "outpatient hospital"
    appeal = APPEAL.get(mai or 0, "MAI not given")
    return f"{code}: {units} units {where}, above the {table} MUE of {value}; {appeal}"
