"""Generate docs/rules.md from the rule catalogue and the policy options.

python scripts/generate_docs.py          # write
python scripts/generate_docs.py --check  # exit 1 if docs/rules.md is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from infusion_coder import rules
from infusion_coder.engine.policy import OPTIONS

TARGET = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def render() -> str:
    out = [
        "# Rule catalogue",
        "",
        "Generated from `src/infusion_coder/rules/_catalog.py` by `scripts/generate_docs.py`;",
        "do not edit by hand. Every billing line, not-billed entry and warning of the case coder",
        "names the ids of the rules below. Sources are keys of the project's rulebook",
        "(`§` = rulebook section, `S..` = source key, `G..`/`P..` = disputed points and engine",
        "defaults).",
        "",
    ]
    for fam in rules.families():
        out += [f"## {fam}", ""]
        for r in rules.catalog(fam):
            out += [
                f"### {r.id} `{r.name}`",
                "",
                r.statement,
                "",
                f"- kind: {r.kind}",
                f"- sources: {', '.join(r.sources)}",
                f"- example: {r.example}",
                "",
            ]
    out += [
        "## Policy options",
        "",
        "Where the sources disagree the engine takes a named, documented default; every coding",
        "result lists the options in force under `policy`. Set them with",
        "`infusion-coder code --policy NAME=VALUE` or `code_case(case, policy={...})`.",
        "",
        "| option | default | values | sources | meaning |",
        "|---|---|---|---|---|",
    ]
    for name, (default, values, src, meaning) in OPTIONS.items():
        out.append(f"| `{name}` | `{default}` | {' / '.join(values)} | {src} | {meaning} |")
    return "\n".join(out) + "\n"


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print("docs/rules.md is out of date: run python scripts/generate_docs.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
