"""Loaders for genuine reader comments used as ham (spam=0); they carry no toxicity label (toxic is NaN)."""

from __future__ import annotations

import html

import pandas as pd

from training.data.files import FileLog
from training.data.schema import build_frame, concat
from training.data.sources import SourceInfo

# AOC site -> the dialect its dialectal sentences are in (the paper's mapping: Jordan, Saudi Arabia, Egypt).
AOC_SITES = {"alghad": "LEV", "alriyadh": "GLF", "youm7": "EGY"}


def load_aoc_zaidan(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """AOC (Zaidan 2011): sentences reassembled into whole reader comments, the genre Raqib moderates.

    Files `{MSA,dialect}_{site}-segs.txt.norm` hold one sentence per line and `*_ids.txt` its id line for line
    (`alghad_c/500019_002_001` = article 500019, comment 002, sentence 001). A comment's sentences (from both
    files of its site) are joined in order; it is MSA if all its sentences are, else its site's dialect.
    """
    sentences: dict[str, list[tuple[str, str, str]]] = {}
    for level in ("MSA", "dialect"):
        for site, region in AOC_SITES.items():
            lines = files.read_lines(f"{info.path}/{level}_{site}-segs.txt.norm")
            ids = files.read_lines(f"{info.path}/{level}_{site}-segs_ids.txt")
            if len(ids) != len(lines):
                raise ValueError(f"AOC {level}_{site}: {len(lines)} sentences but {len(ids)} ids")
            dialect = "MSA" if level == "MSA" else region
            for sentence_id, line in zip(ids, lines, strict=True):
                comment, _, order = sentence_id.strip().rpartition("_")
                sentences.setdefault(comment, []).append((order, line, dialect))
    records = []
    for parts in sentences.values():
        parts.sort()
        text = " ".join(line.strip() for _, line, _ in parts if line.strip())
        dialects = {d for _, _, d in parts} - {"MSA"}
        dialect = dialects.pop() if len(dialects) == 1 else ("MSA" if not dialects else None)
        records.append((text, {"spam": 0, "dialect": dialect}))
    return build_frame(records, source=info.name, domain=info.domain)


# Cotterell & Callison-Burch labels -> region codes; anything else (e.g. arabizi/french/msa) -> None.
COTTERELL_LABELS = {
    "egyptian": "EGY",
    "gulf": "GLF",
    "levantine": "LEV",
    "maghrebi": "MAGH",
    "iraqi": "IRQ",
    "msa": "MSA",
}
COTTERELL_FILES = ("egyptian", "gulf", "iraqi", "levantine", "maghrebi")


def load_aoc_cotterell(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """Cotterell 2014 news-site comments (`label<TAB>text`); the twitter-* files are dialect data only."""
    frames = []
    for name in COTTERELL_FILES:
        records = []
        for line in files.read_lines(f"{info.path}/{name}.tsv")[1:]:
            label, _, text = line.partition("\t")
            if text.strip():
                dialect = COTTERELL_LABELS.get(label.strip().lower())
                records.append((html.unescape(text), {"spam": 0, "dialect": dialect}))
        frames.append(build_frame(records, source=info.name, domain=info.domain))
    return concat(frames)
