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


# DART dialect codes -> region codes (MGH is the Maghreb).
DART_FILES = {"EGY": "EGY", "GLF": "GLF", "IRQ": "IRQ", "LEV": "LEV", "MGH": "MAGH"}
SHAMI_FILES = ("Lebanees.txt", "Palestinian.txt", "jordinian.txt")


def load_dart(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """DART crowd-labelled tweets (`cf-data/{code}.txt`: score, id, text) as ham: everyday dialect posts.

    The dialect is kept only where 2 or 3 of the 3 annotators agreed (as the dialect corpus does). The gold
    and eval-acc files are left out: they are the dialect identifier's evaluation data.
    """
    frames = []
    for code, region in DART_FILES.items():
        records = []
        for line in files.read_lines(f"{info.path}/cf-data/{code}.txt")[1:]:
            fields = line.split("\t")
            if len(fields) >= 3:
                dialect = region if fields[0].strip() in ("2", "3") else None
                records.append(("\t".join(fields[2:]), {"spam": 0, "dialect": dialect}))
        frames.append(build_frame(records, source=info.name, domain=info.domain))
    return concat(frames)


def load_shami(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """Shami Levantine social-media sentences (one per line) as ham."""
    records = [
        (line, {"spam": 0, "dialect": "LEV"})
        for name in SHAMI_FILES
        for line in files.read_lines(f"{info.path}/{name}")
        if line.strip()
    ]
    return build_frame(records, source=info.name, domain=info.domain)
