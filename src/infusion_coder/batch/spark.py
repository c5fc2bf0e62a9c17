"""The audit on Apache Spark (``--engine spark``): the same per-encounter coding applied over
Arrow batches (``mapInArrow``), the same chunk files, the same DuckDB finalisation — so the
outputs are byte-identical to the embedded engine on the same input.

Runs on ``local[*]`` by default; on a cluster pass ``--master spark://host:7077`` (or ``yarn``)
and put the input, the output directory and the claims file on storage every executor can
read and write (the executors write their chunk files themselves and open the claims DuckDB
file read-only). Work scales with the number of executor cores: each partition is coded
independently; only the final merge and the summary run on the driver (DuckDB reads the chunk
Parquet files in a streaming fashion).
"""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from infusion_coder.batch.audit import (
    DIFF_SCHEMA,
    ENC_SCHEMA,
    LINE_SCHEMA,
    AuditSummary,
    _code_batch,
    _write_json,
    load_claims,
)
from infusion_coder.errors import InvalidInput


def audit_spark(
    cases: Path,
    out_dir: Path,
    *,
    claims: Path | None = None,
    master: str = "local[*]",
    partitions: int | None = None,
) -> AuditSummary:
    """Code every encounter with Spark and write the same outputs as ``audit``."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:  # pragma: no cover - optional engine
        raise InvalidInput(
            "the Spark engine needs PySpark (pip install 'infusion-coder[spark]') and Java 17",
            field="engine",
        ) from None
    from infusion_coder.batch.report import finalize

    if not cases.exists():
        raise InvalidInput(f"{cases}: no such file", field="cases")
    out_dir.mkdir(parents=True, exist_ok=True)
    chunk_root = out_dir / "_chunks"
    shutil.rmtree(chunk_root, ignore_errors=True)
    chunk_root.mkdir()
    manifest: dict[str, Any] = {"engine": "spark", "status": "incomplete"}
    _write_json(chunk_root / "manifest.json", manifest)
    for stale in ("summary.json", "report.html"):
        (out_dir / stale).unlink(missing_ok=True)
    claims_db: str | None = None
    if claims is not None:
        db = chunk_root / "claims.duckdb"
        load_claims(claims, db)
        claims_db = str(db.resolve())

    # executors run this interpreter (with this package installed) unless told otherwise
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(master)
        .appName("infusion-coder-audit")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    root = str(chunk_root.resolve())
    try:
        if cases.suffix == ".parquet":
            df = spark.read.parquet(str(cases)).select("case")
        else:
            df = spark.read.text(str(cases))
        df = df.repartition(partitions or spark.sparkContext.defaultParallelism * 2)

        def code_partition(batches: Iterator[Any]) -> Iterator[Any]:
            import pyarrow as pa
            import pyarrow.parquet as pq

            texts: list[str] = []
            for b in batches:
                texts += [t.strip() for t in b.column(0).to_pylist() if t and t.strip()]
            if not texts:
                return
            lines, encs, diffs = _code_batch((texts, claims_db))
            target = Path(root) / f"spark-{uuid.uuid4().hex}"
            tmp = Path(root) / f".{target.name}.tmp"
            tmp.mkdir()
            pq.write_table(pa.Table.from_pylist(lines, LINE_SCHEMA), tmp / "lines.parquet")
            pq.write_table(pa.Table.from_pylist(encs, ENC_SCHEMA), tmp / "encounters.parquet")
            pq.write_table(pa.Table.from_pylist(diffs, DIFF_SCHEMA), tmp / "differences.parquet")
            tmp.rename(target)
            yield pa.RecordBatch.from_pydict({"n": [len(texts)]})

        total = sum(r["n"] for r in df.mapInArrow(code_partition, "n long").collect())
    finally:
        spark.stop()
    finalize(out_dir, have_claims=claims is not None)
    manifest.update(status="complete", encounters=total)
    _write_json(chunk_root / "manifest.json", manifest)
    return AuditSummary(out_dir, total, 0, 0, True)
