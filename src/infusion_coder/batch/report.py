"""Final outputs of an audit: merged Parquet/CSV, summary tables and an offline HTML report."""

from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path
from typing import Any

TABLES = ("lines", "encounters", "differences")
# ORDER BY ALL sorts by every column left to right: equal keys sort the same way every run
ORDER = {"lines": "ALL", "encounters": "ALL", "differences": "ALL"}


def finalize(out_dir: Path, *, have_claims: bool) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect()
    chunks = out_dir / "_chunks"
    for name in TABLES:
        src = str(chunks / "*" / f"{name}.parquet")
        con.execute(
            f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{src}') ORDER BY {ORDER[name]}"
        )
        con.execute(
            f"COPY (SELECT * FROM {name}) TO '{out_dir / (name + '.parquet')}' (FORMAT parquet)"
        )
        con.execute(
            f"COPY (SELECT * FROM {name}) TO '{out_dir / (name + '.csv')}' (HEADER, DELIMITER ',')"
        )

    def rows(sql: str) -> list[dict[str, Any]]:
        cur = con.execute(sql)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    totals = rows(
        "SELECT count(*) AS encounters, count(*) FILTER (WHERE status = 'coded') AS coded, "
        "count(*) FILTER (WHERE status = 'invalid') AS invalid, "
        "count(*) FILTER (WHERE has_claim) AS with_claim, "
        "round(sum(missed_usd), 2) AS missed_usd, round(sum(over_billed_usd), 2) AS over_billed_usd "
        "FROM encounters"
    )[0]
    totals["lines"] = con.execute("SELECT count(*) FROM lines").fetchone()[0]  # type: ignore[index]
    by_code = rows(
        "SELECT code, kind, sum(abs(delta_units)) AS units, round(sum(coalesce(usd, 0)), 2) AS usd, "
        "count(DISTINCT encounter_id) AS encounters FROM differences GROUP BY code, kind "
        "ORDER BY usd DESC, code, kind"
    )
    by_month = rows(
        "SELECT month, round(sum(missed_usd), 2) AS missed_usd, "
        "round(sum(over_billed_usd), 2) AS over_billed_usd, count(*) AS encounters "
        "FROM encounters GROUP BY month ORDER BY month"
    )
    by_site = rows(
        "SELECT site, round(sum(missed_usd), 2) AS missed_usd, "
        "round(sum(over_billed_usd), 2) AS over_billed_usd, count(*) AS encounters "
        "FROM encounters GROUP BY site ORDER BY site"
    )
    gaps = rows(
        "SELECT rule, count(*) AS n FROM (SELECT unnest(string_split(warnings, ' ')) AS rule "
        "FROM encounters WHERE warnings <> '') GROUP BY rule ORDER BY n DESC, rule LIMIT 20"
    )
    codes = rows(
        "SELECT code, sum(units) AS units, count(DISTINCT encounter_id) AS encounters "
        "FROM lines WHERE kind = 'administration' GROUP BY code ORDER BY units DESC, code"
    )
    summary: dict[str, Any] = {
        "complete": True,
        "claims_compared": have_claims,
        "payment_basis": "national Medicare estimate: PFS for professional, OPPS for facility",
        "totals": totals,
        "differences_by_code": by_code,
        "by_month": by_month,
        "by_site": by_site,
        "documentation_and_warning_rules": gaps,
        "administration_codes": codes,
    }
    (out_dir / "summary.json").write_text(
        json.dumps(summary, indent=1, default=str), encoding="utf-8"
    )
    for key in ("differences_by_code", "by_month", "by_site"):
        _csv(out_dir / f"summary_{key}.csv", summary[key])
    (out_dir / "report.html").write_text(_html(summary), encoding="utf-8")
    con.close()
    return summary


def _csv(path: Path, rows: list[dict[str, Any]]) -> None:
    import csv

    with path.open("w", newline="", encoding="utf-8") as f:
        if not rows:
            f.write("")
            return
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def _chart(labels: list[str], series: dict[str, list[float]], title: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3), dpi=100)
    width = 0.8 / max(1, len(series))
    for i, (name, vals) in enumerate(series.items()):
        ax.bar([x + i * width for x in range(len(labels))], vals, width, label=name)
    ax.set_xticks([x + width * (len(series) - 1) / 2 for x in range(len(labels))])
    ax.set_xticklabels(labels, rotation=45, ha="right", fontsize=8)
    ax.set_title(title)
    ax.set_ylabel("USD")
    ax.legend(fontsize=8)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode()


def _table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "<p>None.</p>"
    head = "".join(f"<th scope='col'>{html.escape(str(k))}</th>" for k in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r.values()) + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html(s: dict[str, Any]) -> str:
    t = s["totals"]
    charts = []
    if s["by_month"]:
        charts.append(
            _chart(
                [r["month"] for r in s["by_month"]],
                {
                    "missed": [float(r["missed_usd"] or 0) for r in s["by_month"]],
                    "over-billed": [float(r["over_billed_usd"] or 0) for r in s["by_month"]],
                },
                "Missed and over-billed dollars by month",
            )
        )
    top = s["differences_by_code"][:12]
    if top:
        charts.append(
            _chart(
                [f"{r['code']} {r['kind']}" for r in top],
                {"USD": [float(r["usd"] or 0) for r in top]},
                "Largest differences by code",
            )
        )
    imgs = "".join(
        f"<img alt='chart' src='data:image/png;base64,{c}' style='max-width:100%'>" for c in charts
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>infusion-coder audit report</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}}
table{{border-collapse:collapse;margin:1rem 0}}td,th{{border:1px solid #999;padding:.25rem .5rem;
font-size:.9rem}}th{{background:#eef}}</style></head><body>
<h1>Drug-administration audit</h1>
<p>{t["encounters"]} encounters ({t["coded"]} coded, {t["invalid"]} unusable),
{t["with_claim"]} compared with a billed claim. Missed charges: <strong>${t["missed_usd"] or 0}</strong>;
over-billed: <strong>${t["over_billed_usd"] or 0}</strong> ({html.escape(s["payment_basis"])}).</p>
{imgs}
<h2>Differences by code</h2>{_table(s["differences_by_code"])}
<h2>By month</h2>{_table(s["by_month"])}
<h2>By site</h2>{_table(s["by_site"])}
<h2>Most frequent warnings and documentation gaps (rule ids)</h2>{_table(s["documentation_and_warning_rules"])}
<h2>Administration codes coded</h2>{_table(s["administration_codes"])}
</body></html>
"""
