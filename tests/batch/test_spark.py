"""The Spark engine gives byte-identical results to the embedded DuckDB engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from infusion_coder.batch import audit
from infusion_coder.batch.synth import write

pyspark = pytest.importorskip("pyspark", reason="PySpark is not installed (extra 'spark')")
if shutil.which("java") is None:
    pytest.skip("no Java runtime on PATH: Spark needs Java 17", allow_module_level=True)


def test_when_spark_engine_then_outputs_match_embedded_engine(tmp_path: Path) -> None:
    from infusion_coder.batch.spark import audit_spark

    write(400, 21, tmp_path, error_rate=0.5)
    audit(
        tmp_path / "cases.jsonl",
        tmp_path / "duck",
        claims=tmp_path / "claims.csv",
        workers=1,
        chunk_size=150,
    )
    s = audit_spark(
        tmp_path / "cases.jsonl",
        tmp_path / "spark",
        claims=tmp_path / "claims.csv",
        master="local[2]",
        partitions=3,
    )
    assert s.encounters == 400
    for name in (
        "lines.csv",
        "encounters.csv",
        "differences.csv",
        "lines.parquet",
        "encounters.parquet",
        "differences.parquet",
        "summary.json",
        "report.html",
    ):
        assert (tmp_path / "spark" / name).read_bytes() == (
            tmp_path / "duck" / name
        ).read_bytes(), name
