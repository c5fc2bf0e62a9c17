"""The claim checker: a claim (or its drug-administration part) → findings to act on.

::

    from infusion_coder.edits import check_claim

    report = check_claim({"setting": "professional", "lines": [{"code": "96417"}]})
    report.ok                   # False
    report.findings[0].id       # 'AOC001'

Each finding has a stable id (``AOC001``), a severity (error: will deny or is non-compliant;
warning: likely to deny or needs documentation; info), the claim lines it concerns, what is
wrong, how to fix it and the rulebook sources. With ``case=`` the claim is also compared with
what the documented administrations support (``Report.comparison``). Claim problems are
findings; unusable input raises ``InvalidInput`` naming the field. The checks are listed in
``registry.all_checks()`` and documented in ``docs/claim-format.md``.
"""

from __future__ import annotations

from typing import Any

from infusion_coder.edits._context import build
from infusion_coder.edits._read import CSV_COLUMNS, parse_claim, read_claims_csv
from infusion_coder.edits.compare import compare
from infusion_coder.edits.models import (
    SEVERITY_ORDER,
    Claim,
    ClaimLine,
    Comparison,
    ComparisonItem,
    Finding,
    Report,
)
from infusion_coder.edits.registry import Check, all_checks, fast_model, get
from infusion_coder.models import Case

__all__ = [
    "CSV_COLUMNS",
    "Check",
    "Claim",
    "ClaimLine",
    "Comparison",
    "ComparisonItem",
    "Finding",
    "Report",
    "all_checks",
    "check_claim",
    "get",
    "parse_claim",
    "read_claims_csv",
]


_SELECTED: dict[tuple[frozenset[str], frozenset[str], bool], tuple[Check, ...]] = {}
_TRIGGERS: frozenset[str] = frozenset()


def _applicable(tags: frozenset[str], codes: frozenset[str], has_case: bool) -> tuple[Check, ...]:
    """The checks with something to look at, by what the claim has (memoized: claims of a
    batch share a few dozen shapes). ``codes``: the claim's codes that some check waits for."""
    key = (tags, codes, has_case)
    try:
        return _SELECTED[key]
    except KeyError:
        pass
    if len(_SELECTED) > 4096:
        _SELECTED.clear()
    found = _SELECTED[key] = tuple(
        c
        for c in all_checks()
        if not (c.needs_case and not has_case)
        and (c.codes is None or not c.codes.isdisjoint(codes))
        and c.tags <= tags
    )
    return found


def _triggers() -> frozenset[str]:
    return frozenset(code for c in all_checks() if c.codes for code in c.codes)


def check_claim(
    claim: Claim | dict[str, Any] | str | bytes,
    *,
    case: Case | dict[str, Any] | str | bytes | None = None,
    policy: Any = None,
) -> Report:
    """Check one claim; with ``case``, also compare it with the documented administrations.

    ``policy`` is the case coder's policy (a ``Policy`` or a dict of option names), used to
    code the case for the comparison.
    """
    global _TRIGGERS
    if not _TRIGGERS:
        _TRIGGERS = _triggers()
    parsed = parse_claim(claim)
    ctx = build(parsed)
    if case is not None:
        from infusion_coder.engine import code_case, parse_case

        raw = case
        if isinstance(raw, dict) and "administrations" not in raw and "case" in raw:
            raw = raw["case"]
        parsed_case = parse_case(case)
        coded = code_case(parsed_case, policy=policy)
        ctx.case, ctx.coded = parsed_case, coded
        if isinstance(raw, dict) and isinstance(raw.get("administrations"), list):
            ctx.raw_administrations = [
                a if isinstance(a, dict) else {} for a in raw["administrations"]
            ]
        ctx.comparison = compare(ctx, coded)
    findings: list[Finding] = []
    for chk in _applicable(ctx.tags, ctx.codes & _TRIGGERS, ctx.case is not None):
        for hit in chk.run(parsed, ctx):
            findings.append(chk.finding(hit))
    if len(findings) > 1:
        findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.lines[:1] or [0], f.id))
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity] += 1
    return fast_model(
        Report,
        {
            "claim_id": parsed.id,
            "release": ctx.lib.release_id,
            "ok": counts["error"] == 0,
            "counts": counts,
            "findings": findings,
            "comparison": ctx.comparison,
        },
    )
