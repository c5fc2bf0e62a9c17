"""``infusion-coder synth`` and ``infusion-coder audit``: batch audits of many encounters."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from infusion_coder.cli._output import console, fail
from infusion_coder.errors import InfusionCoderError


def register(app: typer.Typer) -> None:
    app.command("synth", help="Generate synthetic encounters, billed claims and the truth.")(synth)
    app.command("audit", help="Code many encounters, compare with billed claims, summarise.")(
        audit_cmd
    )


def synth(
    encounters: int = typer.Option(1000, "--encounters", "-n", min=1),
    seed: int = typer.Option(0, "--seed"),
    out: Path = typer.Option(..., "--out", help="Output directory."),
    error_rate: float = typer.Option(0.3, "--error-rate", min=0.0, max=1.0),
) -> None:
    from infusion_coder.batch.synth import write

    paths = write(encounters, seed, out, error_rate)
    for k, v in paths.items():
        console.print(f"{k}: {v}")


def audit_cmd(
    cases: Path = typer.Option(None, "--cases", help="Cases as JSONL or Parquet ('case' column)."),
    mar: Path = typer.Option(None, "--mar", help="MAR event export (CSV) instead of cases."),
    claims: Path = typer.Option(None, "--claims", help="Billed claim lines (CSV)."),
    out: Path = typer.Option(..., "--out", help="Output directory."),
    workers: int = typer.Option(0, "--workers", help="Processes (0 = all cores)."),
    chunk_size: int = typer.Option(20_000, "--chunk-size", min=100),
    engine: str = typer.Option("duckdb", "--engine", help="duckdb (embedded) or spark."),
    master: str = typer.Option("local[*]", "--master", help="Spark master URL (--engine spark)."),
) -> None:
    from infusion_coder.batch.audit import audit

    if (cases is None) == (mar is None):
        fail("give exactly one of --cases or --mar", 2)
    try:
        if mar is not None:
            cases = _mar_to_jsonl(mar, out)
        assert cases is not None
        if engine == "spark":
            from infusion_coder.batch.spark import audit_spark

            summary = audit_spark(cases, out, claims=claims, master=master)
            console.print(f"{summary.encounters} encounters (Spark {master}); results in {out}")
            return
        if engine != "duckdb":
            fail(f"--engine must be duckdb or spark, not {engine!r}", 2)
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task("coding", total=None)
            summary = audit(
                cases,
                out,
                claims=claims,
                workers=workers or None,
                chunk_size=chunk_size,
                progress=lambda n: bar.advance(task, n),
            )
    except InfusionCoderError as exc:
        fail(exc)
    console.print(
        f"{summary.encounters} encounters in {summary.chunks} chunks "
        f"({summary.chunks_skipped} resumed); results in {summary.out_dir} "
        f"(summary.json, report.html)"
    )


def _mar_to_jsonl(mar: Path, out: Path) -> Path:
    import json

    try:
        from infusion_coder import interop
    except ImportError:  # pragma: no cover
        fail("MAR import is not available in this build")
    to_cases = getattr(interop, "mar_to_cases", None)
    if to_cases is None:
        fail("MAR import is not available in this build")
    out.mkdir(parents=True, exist_ok=True)
    target = out / "_mar_cases.jsonl"
    text = mar.read_text(encoding="utf-8")
    with target.open("w", encoding="utf-8") as f:
        for case in to_cases(text):
            data = (
                case.model_dump(mode="json", exclude_none=True)
                if hasattr(case, "model_dump")
                else case
            )
            f.write(json.dumps(data) + "\n")
    return target
