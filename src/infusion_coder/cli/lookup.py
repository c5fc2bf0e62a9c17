"""``infusion-coder codes|drugs|modifiers|icd10``: the code library on the command line.

Each ``show`` prints a coding-reference page (text) or the library record (``--format json``);
each ``list`` prints a table. Unknown or malformed codes are one line on stderr and exit 1.
"""

from __future__ import annotations

from collections.abc import Iterable

import typer
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from infusion_coder import knowledge
from infusion_coder.cli._output import Format, FormatOption, console, emit_json, fail
from infusion_coder.errors import InfusionCoderError
from infusion_coder.knowledge import CodeEntry, Drug, Library, Modifier
from infusion_coder.knowledge.models import Mue

codes_app = typer.Typer(
    help="CPT/HCPCS administration codes: reference pages.", no_args_is_help=True
)
drugs_app = typer.Typer(
    help="HCPCS drug codes: billing units and categories.", no_args_is_help=True
)
modifiers_app = typer.Typer(help="Modifiers used in drug administration.", no_args_is_help=True)
icd10_app = typer.Typer(help="ICD-10-CM diagnosis codes.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the lookup command groups to ``app``."""
    app.add_typer(codes_app, name="codes")
    app.add_typer(drugs_app, name="drugs")
    app.add_typer(modifiers_app, name="modifiers")
    app.add_typer(icd10_app, name="icd10")


def _library() -> Library:
    try:
        return knowledge.load()
    except InfusionCoderError as exc:
        fail(exc)


# ------------------------------------------------------------------------------------ codes


@codes_app.command("show")
def codes_show(
    code: str = typer.Argument(..., help="A CPT/HCPCS code, e.g. 96417."),
    fmt: Format = FormatOption,
) -> None:
    """Show the reference page of one code."""
    lib = _library()
    try:
        entry = lib.code(code)
    except InfusionCoderError as exc:
        fail(exc)
    if fmt == Format.json:
        emit_json(entry)
        return
    console.print(render_code(entry, lib))


@codes_app.command("list")
def codes_list(
    family: str | None = typer.Option(
        None, "--family", help="Only this family (e.g. chemotherapy, hydration)."
    ),
    fmt: Format = FormatOption,
) -> None:
    """List the codes of the library (optionally of one family)."""
    lib = _library()
    if family is not None and family not in lib.families():
        fail(f"family '{family}' is not known (families: {', '.join(lib.families())})", 2)
    entries = lib.codes(family=family)
    if fmt == Format.json:
        emit_json([_summary(e) for e in entries])
        return
    table = Table(title=f"Codes — data release {lib.release_id}", title_justify="left")
    for col in ("Code", "Label", "Family", "Add-on", "Status", "MUE prof/fac", "OPPS SI"):
        table.add_column(col)
    for e in entries:
        table.add_row(
            e.code,
            e.label or "—",
            e.family,
            "yes" if e.addon else "",
            e.status,
            f"{_mue_value(e.mue.practitioner)}/{_mue_value(e.mue.outpatient_hospital)}",
            e.opps.si if e.opps else "—",
        )
    console.print(table)


def _summary(e: CodeEntry) -> dict[str, object]:
    return {
        "code": e.code,
        "label": e.label,
        "family": e.family,
        "addon": e.addon,
        "primaries": e.primaries,
        "status": e.status,
    }


def _mue_value(m: Mue | None) -> str:
    return str(m.value) if m is not None else "—"


def render_code(e: CodeEntry, lib: Library) -> RenderableType:
    """The coding-reference page of one code (Rich renderables)."""
    parts: list[RenderableType] = []
    head = Text()
    head.append(e.label or "(no label yet)", style="bold")
    head.append(f"\nFamily: {e.family}   Status: {e.status}")
    if e.added_year:
        head.append(f"   Added: {e.added_year}")
    if e.deleted_year:
        head.append(f"   Deleted: {e.deleted_year}")
    if e.description:
        head.append(f"\n\n{e.description}")
    parts.append(Panel(head, title=f"[bold]{e.code}[/bold]", title_align="left"))

    if e.addon:
        text = Text("Add-on code: report it only with a primary code.\n", style="bold")
        prim = ", ".join(e.primaries) or "none listed"
        text.append(f"Primary codes (NCCI add-on edits): {prim}")
        if e.addon_edit_type:
            text.append(f"\nEdit type {e.addon_edit_type}: {_EDIT_TYPE.get(e.addon_edit_type, '')}")
        if e.primaries_note:
            text.append(f"\n{e.primaries_note}")
        parts.append(Panel(text, title="Add-on", title_align="left"))

    if e.time_rule is not None:
        rule = e.time_rule
        table = _facts(
            [
                ("Minimum for the first unit", _minutes(rule.min_first_unit_minutes)),
                ("Covers up to", _minutes(rule.covers_up_to_minutes)),
                ("Additional unit code", rule.additional_unit_code or "—"),
                ("Additional unit step", _minutes(rule.additional_unit_minutes)),
                ("Note", rule.note or "—"),
            ]
        )
        parts.append(Panel(table, title="Time rule", title_align="left"))

    if e.pfs is not None:
        p = e.pfs
        rows = [
            ("Status", f"{p.status} — {p.status_meaning}" if p.status_meaning else p.status),
            ("Global days", p.global_days),
            ("PC/TC indicator", p.pctc),
            ("Multiple procedure", p.mult_proc),
            ("Bilateral", p.bilateral),
            ("Assistant at surgery", p.assistant),
            ("Co-surgeons", p.co_surgery),
            ("Team surgery", p.team_surgery),
            ("Physician supervision", p.physician_supervision),
            ("Diagnostic imaging family", p.diagnostic_imaging_family),
        ]
        if e.rvus is not None:
            r = e.rvus
            rows += [
                (
                    "RVU work / PE non-fac / PE fac / MP",
                    f"{r.work} / {r.pe_non_facility} / {r.pe_facility} / {r.mp}",
                ),
                (
                    "Total RVU non-facility / facility",
                    f"{r.total_non_facility} / {r.total_facility}",
                ),
            ]
        if e.payment is not None:
            pay = e.payment
            rows.append(
                (
                    "National payment non-facility / facility",
                    f"{_money(pay.non_facility)} / {_money(pay.facility)} (CF {pay.conversion_factor})",
                )
            )
        rows.append(("Release", p.release))
        parts.append(Panel(_facts(rows), title="Physician Fee Schedule", title_align="left"))

    if e.opps is not None:
        o = e.opps
        rows = [
            ("Status indicator", f"{o.si} — {o.si_meaning}" if o.si_meaning else o.si),
            ("APC", o.apc or "—"),
            ("Payment rate", _money(o.payment_rate)),
            ("Effective", o.effective or "—"),
        ]
        parts.append(Panel(_facts(rows), title="Hospital outpatient (OPPS)", title_align="left"))

    mue_table = Table(show_edge=False, box=None, pad_edge=False)
    for col in ("Setting", "MUE", "MAI", "Rationale", "Effective"):
        mue_table.add_column(col, style="bold" if col == "MUE" else None)
    for label, m in (
        ("Practitioner", e.mue.practitioner),
        ("Outpatient hospital", e.mue.outpatient_hospital),
    ):
        if m is None:
            mue_table.add_row(label, "—", "", "no published value", "")
        else:
            mai = f"{m.mai} ({_MAI_SHORT.get(m.mai, '')})" if m.mai is not None else "—"
            mue_table.add_row(label, str(m.value), mai, m.rationale, m.effective or "")
    parts.append(Panel(mue_table, title="Medically unlikely edits", title_align="left"))

    rows = [
        ("Type of service", f"{e.tos.code} — {e.tos.label} (derived)" if e.tos else "—"),
        ("BETOS", f"{e.betos.code} — {e.betos.label}" if e.betos else "—"),
        (
            "RBCS",
            " / ".join(filter(None, [e.rbcs.category, e.rbcs.subcategory, e.rbcs.family]))
            if e.rbcs
            else "—",
        ),
        ("CCS", f"{e.ccs.number} — {e.ccs.label}" if e.ccs else "—"),
    ]
    parts.append(Panel(_facts(rows), title="Classification", title_align="left"))

    for title, body in (
        ("Modifiers", _modifier_lines(e.modifiers, lib)),
        ("Indications", e.indications),
        ("Procedure", e.procedure),
        ("Post-procedure", e.post_procedure),
        ("Documentation", _bullets(e.documentation)),
        ("Medical necessity", e.medical_necessity),
        ("Examples", _bullets(e.examples)),
        ("History", _bullets(e.history)),
    ):
        if body:
            parts.append(Panel(Text(body), title=title, title_align="left"))

    sources = ", ".join(e.sources) or "—"
    parts.append(Text(f"Sources: {sources}\nData release: {e.data_release}", style="dim"))
    return Group(*parts)


_MAI_SHORT = {1: "per line", 2: "per day, policy", 3: "per day, clinical"}

_EDIT_TYPE = {
    1: "only the listed primary codes are eligible",
    2: "no primaries defined by CMS; the contractor defines them",
    3: "listed primaries, and the contractor may add others",
}


def _facts(rows: Iterable[tuple[str, str]]) -> Table:
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    for key, value in rows:
        table.add_row(key, value if value else "—")
    return table


def _minutes(value: int | None) -> str:
    return f"{value} min" if value is not None else "—"


def _money(value: float | None) -> str:
    return f"${value:,.2f}" if value is not None else "—"


def _bullets(items: list[str]) -> str:
    return "\n".join(f"• {item}" for item in items)


def _modifier_lines(codes: list[str], lib: Library) -> str:
    lines = []
    for code in codes:
        try:
            lines.append(f"{code} — {lib.modifier(code).label}")
        except InfusionCoderError:
            lines.append(code)
    return "\n".join(lines)


# ------------------------------------------------------------------------------------ drugs


@drugs_app.command("show")
def drugs_show(
    hcpcs: str = typer.Argument(..., help="A HCPCS drug code (e.g. J9312) or a drug name."),
    fmt: Format = FormatOption,
) -> None:
    """Show one drug code: billing unit, category, route, OPPS and MUE."""
    lib = _library()
    try:
        drug = lib.drug(hcpcs)
    except InfusionCoderError as exc:
        found = lib.find_drug(hcpcs)
        if found is None:
            fail(exc)
        drug = found
    if fmt == Format.json:
        emit_json(drug)
        return
    console.print(render_drug(drug))


def render_drug(d: Drug) -> RenderableType:
    unit = f"{d.billing_unit}" if d.billing_unit else "—"
    rows = [
        ("Generic name", d.generic_name),
        ("Billing unit", unit),
        ("Category", (d.category or "—").replace("_", " ")),
        ("Administration codes", d.engine_category or "—"),
        ("Hormonal", "yes" if d.hormonal else "no"),
        ("Typical route", d.route or "—"),
        ("Brand names / synonyms", ", ".join(d.synonyms) or "—"),
        (
            "Single-dose container typical",
            {True: "yes", False: "no", None: "—"}[d.single_dose_typical],
        ),
        ("HCPCS year", str(d.hcpcs_year or "—")),
        ("Status", "deleted" if d.deleted else "active"),
    ]
    if d.opps is not None:
        rows.append(("OPPS SI / rate per unit", f"{d.opps.si} / {_money3(d.opps.payment_rate)}"))
    rows.append(
        (
            "MUE practitioner / hospital",
            f"{_mue_value(d.mue.practitioner)} / {_mue_value(d.mue.outpatient_hospital)}",
        )
    )
    return Panel(_facts(rows), title=f"[bold]{d.hcpcs}[/bold]", title_align="left")


def _money3(value: float | None) -> str:
    return f"${value:,.3f}" if value is not None else "—"


@drugs_app.command("list")
def drugs_list(
    category: str | None = typer.Option(None, "--category", help="Only this category."),
    fmt: Format = FormatOption,
) -> None:
    """List the drug catalogue."""
    lib = _library()
    drugs = [d for d in lib.drugs() if category is None or d.category == category]
    if fmt == Format.json:
        emit_json([d.model_dump(mode="json", exclude={"opps", "mue"}) for d in drugs])
        return
    table = Table(title=f"Drug codes — data release {lib.release_id}", title_justify="left")
    for col in ("HCPCS", "Generic name", "Billing unit", "Category", "Route"):
        table.add_column(col)
    for d in drugs:
        table.add_row(
            d.hcpcs, d.generic_name, d.billing_unit or "—", d.category or "—", d.route or "—"
        )
    console.print(table)


# ------------------------------------------------------------------------------------ modifiers


@modifiers_app.command("show")
def modifiers_show(
    modifier: str = typer.Argument(..., help="A modifier, e.g. JZ."),
    fmt: Format = FormatOption,
) -> None:
    """Show one modifier: meaning and where it applies."""
    lib = _library()
    try:
        mod = lib.modifier(modifier)
    except InfusionCoderError as exc:
        fail(exc)
    if fmt == Format.json:
        emit_json(mod)
        return
    console.print(render_modifier(mod))


def render_modifier(m: Modifier) -> RenderableType:
    rows = [
        ("Label", m.label),
        ("Meaning", m.meaning),
        ("Applies to", m.applies_to),
        ("Sources", ", ".join(m.sources)),
    ]
    return Panel(_facts(rows), title=f"[bold]Modifier {m.code}[/bold]", title_align="left")


@modifiers_app.command("list")
def modifiers_list(fmt: Format = FormatOption) -> None:
    """List the modifiers of the library."""
    lib = _library()
    mods = lib.modifiers()
    if fmt == Format.json:
        emit_json([m.model_dump(mode="json") for m in mods])
        return
    table = Table(title="Modifiers", title_justify="left")
    for col in ("Modifier", "Label", "Applies to"):
        table.add_column(col)
    for m in mods:
        table.add_row(m.code, m.label, m.applies_to or "—")
    console.print(table)


# ------------------------------------------------------------------------------------ ICD-10-CM


@icd10_app.command("show")
def icd10_show(
    code: str = typer.Argument(..., help="An ICD-10-CM code, with or without the dot."),
    fmt: Format = FormatOption,
) -> None:
    """Show an ICD-10-CM code: description, billable or not, hierarchy."""
    try:
        entry = knowledge.icd10.lookup(code)
    except InfusionCoderError as exc:
        fail(exc)
    if fmt == Format.json:
        emit_json(entry)
        return
    rows = [
        ("Description", entry.description),
        ("Billable", "yes" if entry.billable else "no — use a more specific code"),
        ("Parent", entry.parent or "—"),
        ("Chapter / block", f"{entry.chapter or '—'} / {entry.block or '—'}"),
        ("Ancestors", " > ".join(reversed(entry.ancestors)) or "—"),
    ]
    console.print(Panel(_facts(rows), title=f"[bold]{entry.code}[/bold]", title_align="left"))
