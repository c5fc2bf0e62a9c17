"""The timeline picture of a coded case: administrations on a clock axis (server-rendered SVG).

One row per administration, a bar from start to stop (a diamond for a push), coloured by
category. The initial service has a heavy outline, concurrent services a dashed one, sequential
ones none (their role is also written under the name); hatched
columns show where infusions overlap; small ticks on a bar mark the minutes where another time
unit is earned (16 or 31 for the first unit, then 91, 151 …); pauses are cut out of the bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup, escape

# the engine's clock parser and interval helpers: the same reading of times as the coding
from infusion_coder.engine._time import crossing, minute_to_clock, parse_clock, subtract
from infusion_coder.errors import InvalidCase
from infusion_coder.models import Case, CodingResult

#: fill colours by category (all pass 4.5:1 against white text and 3:1 against the page)
COLOURS: dict[str, str] = {
    "chemotherapy": "#6a1b9a",
    "therapeutic": "#1565c0",
    "hydration": "#00695c",
    "other": "#555555",
}
#: first-unit thresholds: hydration needs more than 30 minutes, other infusions more than 15
FIRST_UNIT = {"hydration": 31}
DEFAULT_FIRST_UNIT = 16

LEFT, RIGHT, TOP, ROW, BAR, AXIS = 210, 20, 34, 40, 18, 26
WIDTH = 900


@dataclass
class Row:
    id: str
    name: str
    category: str
    start: int | None
    stop: int | None
    codes: list[str] = field(default_factory=list)
    role: str = ""
    pauses: list[tuple[int, int]] = field(default_factory=list)
    route: str = ""

    @property
    def push(self) -> bool:
        """Drawn as a point: a push or injection, or a start without a stop."""
        if self.start is None:
            return False
        quick = self.route.endswith(("_push", "_injection")) or self.route == "intralesional"
        return quick or self.stop is None or self.stop <= self.start

    def segments(self) -> list[tuple[int, int]]:
        if self.start is None or self.push or self.stop is None:
            return []
        return subtract([(self.start, self.stop)], self.pauses)


def _category_of_code(code: str) -> str | None:
    if code in ("96360", "96361"):
        return "hydration"
    if code.startswith("963"):
        return "therapeutic"
    if code.startswith(("964", "965")):
        return "chemotherapy"
    return None


def rows(case: Case, result: CodingResult) -> list[Row]:
    """The administrations of ``case`` with their times, category and the codes they earned."""
    day = date.fromisoformat(case.date) if case.date else None
    by_adm: dict[str, list[tuple[str, str]]] = {}
    for line in result.lines:
        if line.kind != "administration":
            continue
        for aid in line.administrations:
            by_adm.setdefault(aid, []).append((line.code, line.role or ""))
    not_billed = {aid for nb in result.not_billed for aid in nb.administrations}
    out: list[Row] = []
    for i, adm in enumerate(case.administrations):
        aid = adm.id or str(i + 1)
        base = f"administrations[{i}]"
        try:
            start = parse_clock(adm.start, day, base + ".start") if adm.start else None
            stop = parse_clock(adm.stop, day, base + ".stop") if adm.stop else None
            pauses = [
                (
                    parse_clock(p.start, day, f"{base}.pauses[{j}].start"),
                    parse_clock(p.stop, day, f"{base}.pauses[{j}].stop"),
                )
                for j, p in enumerate(adm.pauses)
            ]
        except InvalidCase:
            start = stop = None
            pauses = []
        earned = by_adm.get(aid, [])
        derived = [c for c in (_category_of_code(code) for code, _ in earned) if c]
        category: str = adm.category or (derived[0] if derived else "other")
        roles = [role for _, role in earned]
        role = next((r for r in ("initial", "concurrent", "sequential") if r in roles), "")
        if not earned and aid in not_billed:
            role = "not_billed"
        codes = list(dict.fromkeys(code for code, _ in earned))
        out.append(
            Row(
                aid,
                adm.drug or adm.hcpcs or adm.route,
                category,
                start,
                stop,
                codes,
                role,
                pauses,
                adm.route,
            )
        )
    return out


def overlaps(items: list[Row]) -> list[tuple[int, int]]:
    """Clock intervals where two or more timed administrations run at once."""
    events: list[tuple[int, int]] = []
    for row in items:
        for a, b in row.segments():
            events += [(a, 1), (b, -1)]
    out: list[tuple[int, int]] = []
    active, since = 0, 0
    for minute, delta in sorted(events):
        if active >= 2 and minute > since:
            if out and out[-1][1] == since:
                out[-1] = (out[-1][0], minute)
            else:
                out.append((since, minute))
        active += delta
        since = minute
    return out


def unit_marks(row: Row, limit: int = 24) -> list[tuple[int, int]]:
    """``(clock minute, counted minutes)`` where the bar earns its first and each further unit."""
    segments = row.segments()
    thresholds = [FIRST_UNIT.get(row.category, DEFAULT_FIRST_UNIT)]
    thresholds += [91 + 60 * k for k in range(limit)]
    marks = []
    for t in thresholds:
        at = crossing(segments, t)
        if at is None:
            break
        marks.append((at + 1, t))
    return marks


def svg(case: Case, result: CodingResult, _: Callable[[str], str]) -> Markup:
    """The timeline as inline SVG markup (empty when no administration has a time)."""
    items = rows(case, result)
    timed = [r for r in items if r.start is not None]
    if not timed:
        return Markup("")
    lo = min(r.start for r in timed if r.start is not None)
    hi = max(max(r.start or 0, r.stop or 0) for r in timed)
    lo -= lo % 30
    hi = max(hi + (-hi % 30), lo + 60)
    span = hi - lo
    inner = WIDTH - LEFT - RIGHT
    height = TOP + ROW * len(items) + AXIS

    def x(minute: int) -> float:
        return round(LEFT + (minute - lo) * inner / span, 1)

    cat_names = {
        "chemotherapy": _("chemotherapy"),
        "therapeutic": _("therapeutic"),
        "hydration": _("hydration"),
        "other": _("other"),
    }
    role_names = {
        "initial": _("initial service"),
        "sequential": _("sequential"),
        "concurrent": _("concurrent"),
        "not_billed": _("not billed"),
        "": "",
    }
    title = _("Timeline of the administrations")
    word_overlap, word_push, word_minutes = _("overlap"), _("push"), _("minutes")
    word_paused, word_no_time = _("paused"), _("no time")
    desc = "; ".join(
        f"{r.name}: {minute_to_clock(r.start) if r.start is not None else '?'}"
        + (f"–{minute_to_clock(r.stop)}" if r.stop is not None and not r.push else "")
        + (f", {role_names.get(r.role, r.role)}" if r.role else "")
        for r in items
    )
    out: list[str] = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="tl-title tl-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="tl-title">{escape(title)}</title>',
        f'<desc id="tl-desc">{escape(desc)}</desc>',
        "<defs>"
        '<pattern id="tl-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="#fff4d6"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="#c98a00" stroke-width="3"/></pattern>'
        '<pattern id="tl-pause" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#ffffff"/>'
        '<circle cx="3" cy="3" r="1.2" fill="#444"/></pattern>'
        "</defs>",
    ]
    # overlap columns behind everything
    for a, b in overlaps(items):
        out.append(
            f'<rect class="tl-overlap" x="{x(a)}" y="{TOP - 6}" width="{x(b) - x(a)}" '
            f'height="{ROW * len(items) + 6}" fill="url(#tl-hatch)" opacity="0.8">'
            f"<title>{escape(word_overlap)} {minute_to_clock(a)}–{minute_to_clock(b)}</title></rect>"
        )
    # grid and clock axis
    step = 30 if span <= 6 * 60 else 60
    axis_y = TOP + ROW * len(items)
    for minute in range(lo, hi + 1, step):
        out.append(
            f'<line x1="{x(minute)}" y1="{TOP - 6}" x2="{x(minute)}" y2="{axis_y}" '
            'stroke="#d0d0d0" stroke-width="1"/>'
            f'<text x="{x(minute)}" y="{axis_y + 17}" text-anchor="middle" '
            f'class="tl-tick">{minute_to_clock(minute)}</text>'
        )
    out.append(
        f'<line x1="{LEFT}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}" stroke="#333"/>'
    )
    for i, row in enumerate(items):
        y = TOP + i * ROW
        colour = COLOURS.get(row.category, COLOURS["other"])
        label = f"{row.id}. {row.name}"
        sub = " · ".join(p for p in (", ".join(row.codes), role_names.get(row.role, "")) if p)
        out.append(
            f'<g class="tl-row tl-{escape(row.category)} tl-role-{escape(row.role or "none")}" '
            f'data-administration="{escape(row.id)}">'
        )
        out.append(
            f'<text x="8" y="{y + 13}" class="tl-label">{escape(_short(label, 30))}</text>'
            f'<text x="8" y="{y + 28}" class="tl-sub">{escape(_short(sub, 34))}</text>'
        )
        if row.start is None:
            out.append(
                f'<text x="{LEFT + 4}" y="{y + 20}" class="tl-sub">{escape(word_no_time)}</text></g>'
            )
            continue
        tip = f"{row.name} ({cat_names.get(row.category, row.category)})"
        stroke = {
            "initial": ' stroke="#111" stroke-width="3"',
            "concurrent": ' stroke="#111" stroke-width="2" stroke-dasharray="5 3"',
            "sequential": ' stroke="#fff" stroke-width="1.5"',
        }.get(row.role, "")
        if row.push:
            cx, cy = x(row.start), y + 4 + BAR / 2
            out.append(
                f'<polygon class="tl-push" points="{cx},{cy - 10} {cx + 10},{cy} {cx},{cy + 10} '
                f'{cx - 10},{cy}" fill="{colour}"{stroke}>'
                f"<title>{escape(tip)} {minute_to_clock(row.start)}, {escape(word_push)}</title>"
                "</polygon>"
            )
        else:
            assert row.stop is not None
            minutes = sum(b - a for a, b in row.segments())
            out.append(
                f'<rect class="tl-bar" x="{x(row.start)}" y="{y + 4}" '
                f'width="{max(x(row.stop) - x(row.start), 2)}" height="{BAR}" rx="3" '
                f'fill="{colour}"{stroke}><title>{escape(tip)} {minute_to_clock(row.start)}–'
                f"{minute_to_clock(row.stop)}, {minutes} {escape(word_minutes)}</title></rect>"
            )
            for a, b in row.pauses:
                out.append(
                    f'<rect class="tl-pause" x="{x(a)}" y="{y + 4}" width="{x(b) - x(a)}" '
                    f'height="{BAR}" fill="url(#tl-pause)" stroke="#444">'
                    f"<title>{escape(word_paused)} {minute_to_clock(a)}–{minute_to_clock(b)}"
                    "</title></rect>"
                )
            for at, t in unit_marks(row):
                out.append(
                    f'<line class="tl-unit" x1="{x(at)}" y1="{y + 1}" x2="{x(at)}" '
                    f'y2="{y + 4 + BAR + 3}" stroke="#000" stroke-width="2"/>'
                    f'<text x="{x(at)}" y="{y + 4 + BAR + 13}" text-anchor="middle" '
                    f'class="tl-unit-label">{t}</text>'
                )
        out.append("</g>")
    out.append("</svg>")
    return Markup("".join(out))


def legend(_: Callable[[str], str]) -> list[tuple[str, str, str]]:
    """``(css class, colour, text)`` entries explaining the picture, for the page's legend."""
    return [
        ("swatch", COLOURS["chemotherapy"], _("chemotherapy")),
        ("swatch", COLOURS["therapeutic"], _("therapeutic")),
        ("swatch", COLOURS["hydration"], _("hydration")),
        ("initial", "", _("heavy outline: initial service")),
        ("concurrent", "", _("dashed outline: concurrent")),
        ("sequential", "", _("plain bar: sequential")),
        ("overlap", "", _("hatched column: infusions overlap")),
        ("unit", "", _("tick with minutes: a further time unit is earned")),
        ("push", "", _("diamond: push")),
    ]


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
