"""``infusion-coder redact`` and ``infusion-coder icd10 detect``: the clinical text tools.

Neither command ever prints the PHI it found: ``redact`` prints the redacted text and, for each
span, its kind, offsets, score and recognizer, never the original words.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer
from rich.table import Table

from infusion_coder.cli._output import Format, FormatOption, console, emit_json, fail
from infusion_coder.errors import InfusionCoderError

KEY_ENV = "INFUSION_CODER_PSEUDONYM_KEY"


def register(app: typer.Typer) -> None:
    """Add ``redact`` to ``app`` and ``detect`` to its ``icd10`` group."""
    app.command("redact", help="Replace protected health information in clinical notes.")(redact)
    try:
        from infusion_coder.cli.lookup import icd10_app
    except ImportError:  # pragma: no cover - the lookup group always ships with the CLI
        return
    icd10_app.command("detect", help="Find the diagnoses a note states, with ICD-10-CM codes.")(
        detect
    )


def _read(path: Path) -> str:
    """The text of a note ('-' is standard input); one-line errors, never the content."""
    name = "standard input" if str(path) == "-" else str(path)
    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except IsADirectoryError:
        fail(f"cannot read {name}: it is a directory")
    except OSError as exc:
        fail(f"cannot read {name}: {exc.strerror or type(exc).__name__}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(f"cannot read {name}: not UTF-8 text")
    if not text.strip():
        fail(f"{name} is empty")
    return text


def redact(
    files: list[Path] = typer.Argument(
        ..., help="Note files (plain UTF-8 text); '-' reads standard input."
    ),
    operator: str = typer.Option(
        "tag", "--operator", "-o", help="tag (default), mask, pseudonym or dateshift."
    ),
    key: str | None = typer.Option(
        None,
        "--key",
        help=f"Secret for pseudonyms and date offsets (default: ${KEY_ENV}, else random per run).",
        show_default=False,
    ),
    shift_days: int | None = typer.Option(
        None, "--shift-days", help="Shift every date by this many days (default: per-note offset)."
    ),
    spacy_model: str | None = typer.Option(
        None,
        "--spacy-model",
        help="Also use an installed spaCy pipeline for names, e.g. en_core_web_sm.",
    ),
    show_spans: bool = typer.Option(
        False, "--spans", help="Text format: also list the spans found."
    ),
    fmt: Format = FormatOption,
) -> None:
    """Print each note with its PHI replaced; JSON adds the spans (kind, start, end, score, source)."""
    from infusion_coder.text.phi import get_redactor

    texts = [(str(f), _read(f)) for f in files]
    secret = key or os.environ.get(KEY_ENV) or os.urandom(32).hex()
    try:
        redactor = get_redactor(spacy_model)
        results = [
            (
                name,
                redactor.redact(
                    text, operator=operator, key=secret, document_id=name, shift_days=shift_days
                ),
            )
            for name, text in texts
        ]
    except InfusionCoderError as exc:
        fail(exc)
    if fmt is Format.json:
        docs = [
            {
                "file": name,
                "operator": r.operator,
                "text": r.text,
                "spans": [s.model_dump(exclude={"text"}) for s in r.spans],
            }
            for name, r in results
        ]
        emit_json(docs[0] if len(docs) == 1 else docs)
        return
    for i, (name, r) in enumerate(results):
        if len(results) > 1:
            console.print(f"{'' if i == 0 else chr(10)}==> {name} <==", markup=False)
        sys.stdout.write(r.text if r.text.endswith("\n") else r.text + "\n")
        sys.stdout.flush()
        if show_spans:
            table = Table("kind", "start", "end", "score", "source", title=f"{len(r.spans)} spans")
            for s in r.spans:
                table.add_row(s.kind, str(s.start), str(s.end), f"{s.score:.2f}", s.source)
            console.print(table)


def detect(
    file: Path = typer.Argument(
        ..., help="A note file (plain UTF-8 text); '-' reads standard input."
    ),
    include_negated: bool = typer.Option(
        False, "--include-negated", help="Also list negated mentions."
    ),
    fmt: Format = FormatOption,
) -> None:
    """List the diagnoses in FILE: span, ICD-10-CM code, billable leaf or not, status, confidence."""
    from infusion_coder.text import detect_icd10

    text = _read(file)
    try:
        findings = detect_icd10(text, include_negated=include_negated)
    except InfusionCoderError as exc:
        fail(exc)
    if fmt is Format.json:
        emit_json([f.model_dump(mode="json") for f in findings])
        return
    if not findings:
        console.print("No diagnoses found.", markup=False)
        return
    table = Table("code", "billable", "status", "conf.", "span", "text", "note")
    for f in findings:
        note = f.note or ""
        if f.leaves:
            shown = ", ".join(f.leaves[:6]) + (" …" if len(f.leaves) > 6 else "")
            note = f"{note} [{shown}]".strip()
        table.add_row(
            f.code or "-",
            "yes" if f.billable else "no",
            f.status.value,
            f"{f.confidence:.2f}",
            f"{f.start}-{f.end}",
            f.text,
            note,
        )
    console.print(table)
