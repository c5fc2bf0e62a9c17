"""Building and locating the search index: one SQLite file with an FTS5 full-text table.

The index is built once per data release and vocabulary (at first use, or ahead of time with
``build_index()``) and cached in ``$INFUSION_CODER_CACHE`` or else the user cache directory
(``$XDG_CACHE_HOME/infusion-coder``, default ``~/.cache/infusion-coder``), as
``search-<release>-<fingerprint>.sqlite3``. The fingerprint covers everything the index is built
from (the library's codes, drugs and modifiers, the rules, our vocabulary, the ICD-10-CM package
version and this file's format), so a stale index is never used.

Layout: ``docs`` (one row per document, rowids contiguous per kind so a kind filter is a rowid
range), ``fts`` (contentless FTS5: label, keywords, body, tags; Porter stemming), ``vocab`` (every
indexed word with its document count) and ``deletes`` (each vocabulary word with one letter
removed, for the spelling corrector: the symmetric-delete method).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from infusion_coder.search._documents import (
    Doc,
    all_docs,
    code_docs,
    drug_docs,
    modifier_docs,
    name_key,
)
from infusion_coder.search._documents import _library as _load_library
from infusion_coder.search._documents import rule_docs as _rule_docs
from infusion_coder.search._synonyms import annotate
from infusion_coder.search.models import KINDS

#: bump when the layout changes (edits to the build modules also rebuild: see fingerprint)
INDEX_FORMAT = "3"

_BUILD_SOURCES = ("_documents.py", "_index.py", "_synonyms.py", "_vocabulary.py")
TOKENIZER = "porter unicode61 remove_diacritics 2"
WORD = re.compile(r"[a-z0-9]+")

_SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs(
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, code TEXT NOT NULL, code_key TEXT NOT NULL,
    label TEXT NOT NULL, family TEXT, keywords TEXT NOT NULL, body TEXT NOT NULL,
    boost REAL NOT NULL DEFAULT 1.0
);
CREATE VIRTUAL TABLE fts USING fts5(
    label, keywords, body, tags, content='', tokenize='{TOKENIZER}'
);
CREATE TABLE names(name TEXT NOT NULL, id INTEGER NOT NULL);
CREATE TABLE vocab(word TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE deletes(variant TEXT NOT NULL, word TEXT NOT NULL);
"""
_INDEXES = """
CREATE INDEX docs_code_key ON docs(code_key);
CREATE INDEX names_name ON names(name);
CREATE INDEX deletes_variant ON deletes(variant);
"""


def cache_dir() -> Path:
    """Where search indexes live: ``$INFUSION_CODER_CACHE`` or the user cache directory."""
    env = os.environ.get("INFUSION_CODER_CACHE")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "infusion-coder"


def family_tag(family: str) -> str:
    """The token a family is indexed as in the ``tags`` column (one token, no separators)."""
    return "fam" + re.sub(r"[^a-z0-9]", "", family.lower())


def domain_docs() -> list[Doc]:
    """The small documents (codes, drugs, modifiers, rules): cheap to gather, hashed for the
    cache key."""
    lib = _load_library()
    docs: list[Doc] = []
    if lib is not None:
        docs.extend(code_docs(lib))
        docs.extend(drug_docs(lib))
        docs.extend(modifier_docs(lib))
    docs.extend(_rule_docs())
    return docs


def fingerprint(release: str, docs: Iterable[Doc]) -> str:
    """A short hash of everything the index is built from."""
    digest = hashlib.sha256()
    try:
        icd_version = metadata.version("simple-icd-10-cm")
    except metadata.PackageNotFoundError:  # pragma: no cover - a declared dependency
        icd_version = "?"
    digest.update(json.dumps([INDEX_FORMAT, release, icd_version]).encode())
    for doc in docs:
        digest.update(repr(doc).encode())
    here = Path(__file__).parent
    for name in _BUILD_SOURCES:  # the code that shapes the index: a change rebuilds it
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:12]


def index_path(release: str, fp: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", release)
    return cache_dir() / f"search-{safe}-{fp}.sqlite3"


def build(path: Path, docs: Iterable[Doc], *, release: str, fp: str) -> Path:
    """Write the index for ``docs`` to ``path`` (atomically: a temporary file, then a rename).

    ``docs`` must come grouped by kind in the order of ``KINDS``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.stem + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            _fill(con, docs, release=release, fp=fp)
        finally:
            con.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _fill(con: sqlite3.Connection, docs: Iterable[Doc], *, release: str, fp: str) -> None:
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.executescript(_SCHEMA)
    ranges: dict[str, list[int]] = {}
    df: Counter[str] = Counter()
    order = {kind: i for i, kind in enumerate(KINDS)}
    last = -1
    rows: list[tuple[object, ...]] = []
    fts_rows: list[tuple[object, ...]] = []
    name_rows: set[tuple[str, int]] = set()
    for rowid, doc in enumerate(docs, start=1):
        if order[doc.kind] < last:
            raise ValueError("documents must be grouped by kind in KINDS order")
        last = order[doc.kind]
        span = ranges.setdefault(doc.kind, [rowid, rowid])
        span[1] = rowid
        tags = f"kind{doc.kind} {family_tag(doc.family)}" if doc.family else f"kind{doc.kind}"
        rows.append(
            (
                rowid,
                doc.kind,
                doc.code,
                doc.key,
                doc.label,
                doc.family,
                doc.keywords,
                doc.body,
                doc.boost,
            )
        )
        for name in (doc.label, *doc.names):
            if name_key(name):
                name_rows.add((name_key(name), rowid))
        icd = doc.kind == "icd10"
        fts_rows.append(
            (
                rowid,
                annotate(doc.label, icd=icd),
                annotate(doc.keywords, icd=icd),
                annotate(doc.body, icd=icd),
                tags,
            )
        )
        df.update(set(WORD.findall(f"{doc.label} {doc.keywords} {doc.body}".lower())))
    con.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?)", rows)
    con.executemany(
        "INSERT INTO fts(rowid, label, keywords, body, tags) VALUES (?,?,?,?,?)", fts_rows
    )
    con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    con.executemany("INSERT INTO names VALUES (?, ?)", sorted(name_rows))
    con.executemany("INSERT INTO vocab VALUES (?, ?)", sorted(df.items()))
    con.executemany(
        "INSERT INTO deletes VALUES (?, ?)",
        ((variant, word) for word in df if len(word) >= 4 for variant in deletes1(word)),
    )
    con.executescript(_INDEXES)
    meta = {"release": release, "fingerprint": fp, "format": INDEX_FORMAT, "ranges": ranges}
    con.executemany("INSERT INTO meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in meta.items()])
    con.commit()
    con.execute("VACUUM")


def prune(keep: Path) -> list[Path]:
    """Delete the other search indexes in ``keep``'s directory (older releases or builds; a
    process still reading one keeps its open file)."""
    removed: list[Path] = []
    for old in keep.parent.glob("search-*.sqlite3"):
        if old != keep:
            try:
                old.unlink()
                removed.append(old)
            except OSError:  # pragma: no cover - not ours to delete, or already gone
                pass
    return removed


def deletes1(word: str) -> set[str]:
    """The word with each one letter removed (the symmetric-delete neighbourhood)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def locate() -> tuple[Path, str, str]:
    """Where the up-to-date index is (or will be), its release and fingerprint."""
    lib = _load_library()
    release = str(lib.release_id) if lib is not None else "unreleased"
    fp = fingerprint(release, domain_docs())
    return index_path(release, fp), release, fp


def ensure(*, force: bool = False) -> tuple[Path, str]:
    """The path and release of an up-to-date index, building it first if needed."""
    path, release, fp = locate()
    if force or not path.exists():
        try:
            build(path, all_docs(), release=release, fp=fp)
            prune(path)
        except OSError:
            # the cache directory is not writable: fall back to the temporary directory
            path = Path(tempfile.gettempdir()) / f"infusion-coder-{os.getuid()}" / path.name
            if force or not path.exists():
                build(path, all_docs(), release=release, fp=fp)
    return path, release
