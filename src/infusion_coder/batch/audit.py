"""Audit many encounters: code each one, compare with what was billed, summarise.

Streaming and resumable: the input is read in chunks; each chunk is coded over a process pool
and written to ``<out>/_chunks/<n>/`` atomically (a temporary directory renamed into place);
``<out>/_chunks/manifest.json`` records the input fingerprint and the chunks done. A rerun with
the same input skips finished chunks, so nothing is redone or counted twice. The final files
(``lines``, ``encounters``, ``differences`` as Parquet and CSV, ``summary.json``,
``report.html``) are written by DuckDB only when every chunk is done, and ``summary.json`` says
``"complete": true``; an interrupted run leaves ``manifest.json`` with ``"status":
"incomplete"`` and no final files. Identical inputs give identical outputs (rows are ordered).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from infusion_coder.batch.compare import differences
from infusion_coder.errors import InfusionCoderError, InvalidInput

CHUNK = 20_000
SUB_BATCH = 500

LINE_SCHEMA = pa.schema(
    [
        ("encounter_id", pa.string()),
        ("site", pa.string()),
        ("month", pa.string()),
        ("setting", pa.string()),
        ("code", pa.string()),
        ("units", pa.int64()),
        ("modifiers", pa.string()),
        ("kind", pa.string()),
        ("role", pa.string()),
        ("date", pa.string()),
        ("rules", pa.string()),
        ("explanation", pa.string()),
    ]
)
ENC_SCHEMA = pa.schema(
    [
        ("encounter_id", pa.string()),
        ("site", pa.string()),
        ("month", pa.string()),
        ("setting", pa.string()),
        ("status", pa.string()),
        ("error", pa.string()),
        ("n_lines", pa.int64()),
        ("n_warnings", pa.int64()),
        ("warnings", pa.string()),
        ("has_claim", pa.bool_()),
        ("missed_usd", pa.float64()),
        ("over_billed_usd", pa.float64()),
    ]
)
DIFF_SCHEMA = pa.schema(
    [
        ("encounter_id", pa.string()),
        ("site", pa.string()),
        ("month", pa.string()),
        ("setting", pa.string()),
        ("code", pa.string()),
        ("modifiers", pa.string()),
        ("coded_units", pa.int64()),
        ("billed_units", pa.int64()),
        ("delta_units", pa.int64()),
        ("kind", pa.string()),
        ("usd", pa.float64()),
    ]
)


@dataclass
class AuditSummary:
    out_dir: Path
    encounters: int
    chunks: int
    chunks_skipped: int
    complete: bool


# --------------------------------------------------------------------------- input


def _fingerprint(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        st = p.stat()
        h.update(f"{p.name}:{st.st_size}:".encode())
        with p.open("rb") as f:
            h.update(f.read(1 << 20))
            if st.st_size > 2 << 20:
                f.seek(-(1 << 20), os.SEEK_END)
                h.update(f.read())
    return h.hexdigest()


def iter_cases(path: Path) -> Iterator[str]:
    """Case JSON texts from JSONL (one case per line) or Parquet (a ``case`` column)."""
    if path.suffix == ".parquet":
        pf = pq.ParquetFile(path)
        if "case" not in pf.schema_arrow.names:
            raise InvalidInput(
                f"{path.name}: a Parquet input needs a 'case' column of JSON text", field="case"
            )
        for batch in pf.iter_batches(columns=["case"], batch_size=10_000):
            yield from (v for v in batch.column(0).to_pylist() if v)
        return
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                yield line


def _chunks(it: Iterator[str], size: int) -> Iterator[list[str]]:
    buf: list[str] = []
    for item in it:
        buf.append(item)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


# --------------------------------------------------------------------------- claims


def load_claims(path: Path, db_path: Path) -> None:
    """Billed claim lines (CSV: encounter_id, code, units, modifiers [; separated], date) into
    a DuckDB file that the coding workers read."""
    import duckdb

    stale = _CONNECTIONS.pop(str(db_path), None)
    if stale is not None:
        stale.close()
    db_path.unlink(missing_ok=True)
    con = duckdb.connect(str(db_path))
    try:
        con.execute(
            "CREATE TABLE claims AS SELECT CAST(encounter_id AS VARCHAR) AS encounter_id, "
            "CAST(code AS VARCHAR) AS code, CAST(units AS BIGINT) AS units, "
            "COALESCE(CAST(modifiers AS VARCHAR), '') AS modifiers "
            "FROM read_csv(?, header=true, all_varchar=true)",
            [str(path)],
        )
        con.execute("CREATE INDEX claims_enc ON claims(encounter_id)")
    except Exception as exc:
        raise InvalidInput(
            f"{path.name}: a claims CSV needs the columns encounter_id, code, units, modifiers "
            f"({type(exc).__name__})",
            field="claims",
        ) from None
    finally:
        con.close()


_CONNECTIONS: dict[str, Any] = {}  # one read-only connection per claims file and process


def _claims_for(db_path: str | None, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    if db_path is None or not ids:
        return {}
    con = _CONNECTIONS.get(db_path)
    if con is None:
        import duckdb

        for old in _CONNECTIONS.values():
            old.close()
        _CONNECTIONS.clear()
        con = _CONNECTIONS[db_path] = duckdb.connect(db_path, read_only=True)
    con.register("chunk_ids", pa.table({"encounter_id": ids}))
    rows = con.execute(
        "SELECT c.encounter_id, c.code, c.units, c.modifiers FROM claims c "
        "JOIN chunk_ids USING (encounter_id)"
    ).fetchall()
    con.unregister("chunk_ids")
    out: dict[str, list[dict[str, Any]]] = {}
    for eid, code, units, mods in rows:
        out.setdefault(eid, []).append(
            {"code": code, "units": units, "modifiers": [m for m in mods.split(";") if m]}
        )
    return out


# --------------------------------------------------------------------------- coding (workers)


def _code_batch(
    args: tuple[list[str], str | None],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    from infusion_coder.engine import code_case

    texts, claims_db = args
    have_claims = claims_db is not None
    parsed: list[dict[str, Any] | None] = []
    for text in texts:
        try:
            raw = json.loads(text)
            parsed.append(raw if isinstance(raw, dict) else None)
        except json.JSONDecodeError:
            parsed.append(None)
    claims = _claims_for(claims_db, [str(r.get("id") or "") for r in parsed if r])
    lines: list[dict[str, Any]] = []
    encs: list[dict[str, Any]] = []
    diffs: list[dict[str, Any]] = []
    for raw in parsed:
        if raw is None:
            encs.append(_enc_row({}, "invalid", "not a JSON object", 0, [], False, 0.0, 0.0))
            continue
        try:
            result = code_case(raw)
        except InfusionCoderError as exc:
            encs.append(_enc_row(raw, "invalid", exc.message, 0, [], False, 0.0, 0.0))
            continue
        eid = str(raw.get("id") or "")
        base = {
            "encounter_id": eid,
            "site": str(raw.get("site") or ""),
            "month": str(raw.get("date") or "")[:7],
            "setting": raw.get("setting", ""),
        }
        coded = []
        for ln in result.lines:
            coded.append({"code": ln.code, "units": ln.units, "modifiers": ln.modifiers})
            lines.append(
                {
                    **base,
                    "code": ln.code,
                    "units": ln.units,
                    "modifiers": ";".join(ln.modifiers),
                    "kind": ln.kind,
                    "role": ln.role or "",
                    "date": ln.date or "",
                    "rules": " ".join(ln.rules),
                    "explanation": ln.explanation,
                }
            )
        missed = over = 0.0
        billed = claims.get(eid)
        if have_claims and billed is not None:
            for d in differences(coded, billed, base["setting"]):
                diffs.append({**base, **d})
                if d["usd"] is not None:
                    if d["kind"] == "missed":
                        missed += d["usd"]
                    else:
                        over += d["usd"]
        encs.append(
            _enc_row(
                raw,
                "coded",
                "",
                len(result.lines),
                [w.rule for w in result.warnings],
                billed is not None,
                round(missed, 2),
                round(over, 2),
            )
        )
    return lines, encs, diffs


def _enc_row(
    raw: dict[str, Any],
    status: str,
    error: str,
    n_lines: int,
    warnings: list[str],
    has_claim: bool,
    missed: float,
    over: float,
) -> dict[str, Any]:
    return {
        "encounter_id": str(raw.get("id") or ""),
        "site": str(raw.get("site") or ""),
        "month": str(raw.get("date") or "")[:7],
        "setting": str(raw.get("setting") or ""),
        "status": status,
        "error": error,
        "n_lines": n_lines,
        "n_warnings": len(warnings),
        "warnings": " ".join(warnings),
        "has_claim": has_claim,
        "missed_usd": missed,
        "over_billed_usd": over,
    }


# --------------------------------------------------------------------------- the run


def audit(
    cases: Path,
    out_dir: Path,
    *,
    claims: Path | None = None,
    workers: int | None = None,
    chunk_size: int = CHUNK,
    progress: Callable[[int], None] | None = None,
) -> AuditSummary:
    """Code every encounter in ``cases`` (JSONL or Parquet), compare with ``claims`` (CSV),
    and write per-encounter results, a summary and an HTML report to ``out_dir``."""
    from infusion_coder.batch.report import finalize

    if not cases.exists():
        raise InvalidInput(f"{cases}: no such file", field="cases")
    out_dir.mkdir(parents=True, exist_ok=True)
    chunk_root = out_dir / "_chunks"
    chunk_root.mkdir(exist_ok=True)
    manifest_path = chunk_root / "manifest.json"
    inputs = [cases] + ([claims] if claims else [])
    fp = _fingerprint(inputs)
    manifest: dict[str, Any] = {"fingerprint": fp, "chunk_size": chunk_size, "done": []}
    if manifest_path.exists():
        old = json.loads(manifest_path.read_text(encoding="utf-8"))
        if old.get("fingerprint") == fp and old.get("chunk_size") == chunk_size:
            manifest = old
        else:  # different input: start over
            shutil.rmtree(chunk_root)
            chunk_root.mkdir()
    manifest["status"] = "incomplete"
    _write_json(manifest_path, manifest)
    for stale in ("summary.json", "report.html"):
        (out_dir / stale).unlink(missing_ok=True)

    done = set(manifest["done"])
    workers = workers or os.cpu_count() or 1
    claims_db: str | None = None
    if claims is not None:
        db = chunk_root / "claims.duckdb"
        load_claims(claims, db)
        claims_db = str(db)
    total = skipped = n_chunks = 0
    # spawn, not fork: DuckDB connections and threads do not survive a fork
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx) if workers > 1 else None
    try:
        for idx, chunk in enumerate(_chunks(iter_cases(cases), chunk_size)):
            n_chunks += 1
            total += len(chunk)
            name = f"{idx:06d}"
            if name in done and (chunk_root / name).exists():
                skipped += 1
                if progress:
                    progress(len(chunk))
                continue
            batches = [
                (chunk[i : i + SUB_BATCH], claims_db) for i in range(0, len(chunk), SUB_BATCH)
            ]
            results = pool.map(_code_batch, batches) if pool else map(_code_batch, batches)
            lines: list[dict[str, Any]] = []
            encs: list[dict[str, Any]] = []
            diffs: list[dict[str, Any]] = []
            for ln, en, df in results:
                lines += ln
                encs += en
                diffs += df
            tmp = chunk_root / f".{name}.tmp"
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
            pq.write_table(pa.Table.from_pylist(lines, LINE_SCHEMA), tmp / "lines.parquet")
            pq.write_table(pa.Table.from_pylist(encs, ENC_SCHEMA), tmp / "encounters.parquet")
            pq.write_table(pa.Table.from_pylist(diffs, DIFF_SCHEMA), tmp / "differences.parquet")
            shutil.rmtree(chunk_root / name, ignore_errors=True)
            tmp.rename(chunk_root / name)
            manifest["done"] = sorted(set(manifest["done"]) | {name})
            _write_json(manifest_path, manifest)
            if progress:
                progress(len(chunk))
    finally:
        if pool:
            pool.shutdown()
    finalize(out_dir, have_claims=claims is not None)
    manifest["status"] = "complete"
    manifest["encounters"] = total
    _write_json(manifest_path, manifest)
    return AuditSummary(out_dir, total, n_chunks, skipped, True)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(path)
