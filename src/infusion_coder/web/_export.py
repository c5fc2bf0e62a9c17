"""A coding result as CSV: one row per billing line, then what is not billed and the warnings."""

from __future__ import annotations

import csv
import io

from infusion_coder.models import CodingResult

COLUMNS = (
    "section",
    "code",
    "units",
    "modifiers",
    "kind",
    "role",
    "administrations",
    "date",
    "rules",
    "text",
)


def result_csv(result: CodingResult) -> str:
    """``section`` is ``line``, ``not_billed`` or ``warning``; lists are space-separated."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for line in result.lines:
        writer.writerow(
            [
                "line",
                line.code,
                line.units,
                " ".join(line.modifiers),
                line.kind,
                line.role or "",
                " ".join(line.administrations),
                line.date or "",
                " ".join(line.rules),
                line.explanation,
            ]
        )
    for nb in result.not_billed:
        ids = " ".join(nb.administrations + nb.services)
        writer.writerow(["not_billed", "", "", "", "", "", ids, "", " ".join(nb.rules), nb.reason])
    for w in result.warnings:
        ids = " ".join(w.administrations)
        writer.writerow(["warning", "", "", "", "", "", ids, "", w.rule, w.message])
    return out.getvalue()
