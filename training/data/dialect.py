"""load_dialect_corpus: Arabic texts with coarse dialect labels, for dialect identification and evaluation.

Codes (see schema): MSA, EGY, GLF, LEV, IRQ, MAGH. Sources and splits:
- train: AOC Zaidan 2011 sentences (MSA files -> MSA; dialectal alghad/alriyadh/youm7 -> LEV/GLF/EGY),
  Cotterell 2014 comments and tweets, DART crowd-labelled tweets (cf-data, majority 2 or 3 of 3), Shami
  (Lebanese, Palestinian, Jordanian -> LEV).
- eval: DART gold questions and eval-acc (native-speaker labels; OTHER dropped) and the QADI test set, its 18
  countries mapped to regions by QADI_REGIONS (Sudan with Egypt, Yemen with the Gulf, Libya with the Maghreb).
Rows without an Arabic letter (Arabizi, French) are dropped; a text labelled with two different dialects is
dropped; a train text that also appears in eval is dropped from train.
"""

from __future__ import annotations

import html
import re
import sys
import time
from pathlib import Path

import pandas as pd

from training.data.cleaning import clean_text
from training.data.comment_sets import AOC_SITES, COTTERELL_FILES, COTTERELL_LABELS, SHAMI_FILES
from training.data.files import FileLog, exists
from training.data.keys import dedup_keys
from training.data.sources import EXTRA_SOURCES, SOURCES

QADI_REGIONS = {
    **dict.fromkeys(("EG", "SD"), "EGY"),
    **dict.fromkeys(("SA", "KW", "QA", "BH", "AE", "OM", "YE"), "GLF"),
    **dict.fromkeys(("JO", "LB", "PL", "SY"), "LEV"),
    "IQ": "IRQ",
    **dict.fromkeys(("MA", "DZ", "TN", "LY"), "MAGH"),
    "MSA": "MSA",
}
DART_CODES = {"EGY": "EGY", "GLF": "GLF", "IRQ": "IRQ", "LEV": "LEV", "MGH": "MAGH", "MSA": "MSA"}
_ARABIC = re.compile(r"[\u0621-\u064a]")
Row = tuple[str, str | None, str, str]  # text, dialect, source, split


def _aoc(files: FileLog, path: str) -> list[Row]:
    rows: list[Row] = []
    for level in ("MSA", "dialect"):
        for site, region in AOC_SITES.items():
            dialect = "MSA" if level == "MSA" else region
            lines = files.read_lines(f"{path}/{level}_{site}-segs.txt.norm")
            rows += [(line, dialect, "aoc_zaidan2011", "train") for line in lines]
    return rows


def _cotterell(files: FileLog, path: str) -> list[Row]:
    rows: list[Row] = []
    for name in COTTERELL_FILES + tuple(f"twitter-{n}" for n in COTTERELL_FILES if n != "gulf"):
        if not exists(files.data_dir, f"{path}/{name}.tsv"):
            continue
        for line in files.read_lines(f"{path}/{name}.tsv")[1:]:
            label, _, text = line.partition("\t")
            rows.append(
                (
                    html.unescape(text),
                    COTTERELL_LABELS.get(label.strip().lower()),
                    "aoc_cotterell2014",
                    "train",
                )
            )
    return rows


def _dart(files: FileLog, path: str) -> list[Row]:
    rows: list[Row] = []
    for code, dialect in DART_CODES.items():
        if code == "MSA":
            continue
        for line in files.read_lines(f"{path}/cf-data/{code}.txt")[1:]:
            fields = line.split("\t")
            if len(fields) >= 3 and fields[0].strip() in ("2", "3"):
                rows.append(("\t".join(fields[2:]), dialect, "dart", "train"))
        for folder in ("cf-data/gold", "eval-acc"):
            for line in files.read_lines(f"{path}/{folder}/{code}.txt")[1:]:
                label, _, text = line.partition("\t")
                rows.append((text, DART_CODES.get(label.strip()), "dart", "eval"))
    return rows


def _qadi(files: FileLog, path: str) -> list[Row]:
    rows: list[Row] = []
    for line in files.read_lines(f"{path}/QADI_test.txt"):
        text, _, country = line.rpartition("\t")
        rows.append((text, QADI_REGIONS.get(country.strip()), "qadi", "eval"))
    return rows


def _shami(files: FileLog, path: str) -> list[Row]:
    rows: list[Row] = []
    for name in SHAMI_FILES:
        rows += [(line, "LEV", "shami", "train") for line in files.read_lines(f"{path}/{name}")]
    return rows


_READERS = (
    (SOURCES["aoc_zaidan2011"], _aoc),
    (SOURCES["aoc_cotterell2014"], _cotterell),
    (SOURCES["dart"], _dart),
    (EXTRA_SOURCES["qadi"], _qadi),
    (SOURCES["shami"], _shami),
)


def load_dialect_corpus(data_dir: Path, progress: bool = True) -> pd.DataFrame:
    """Texts with coarse dialect codes, their source and split ("train" or "eval"); see the module docs."""
    files = FileLog(Path(data_dir))
    rows: list[Row] = []
    for info, read in _READERS:
        if not exists(files.data_dir, info.path):
            print(f"warning: dialect source {info.name} skipped, {info.path} not found", file=sys.stderr)
            continue
        t0 = time.perf_counter()
        found = read(files, info.path)
        rows += found
        if progress:
            print(
                f"dialect {info.name}: {len(found)} rows ({time.perf_counter() - t0:.1f} s)", file=sys.stderr
            )
    frame = pd.DataFrame(rows, columns=["text", "dialect", "source", "split"])
    frame["text"] = frame["text"].map(clean_text)
    frame = frame[frame["dialect"].notna() & frame["text"].map(lambda t: bool(_ARABIC.search(t)))]
    return _dedupe_dialects(frame).reset_index(drop=True)


def _dedupe_dialects(frame: pd.DataFrame) -> pd.DataFrame:
    keys = pd.Series(dedup_keys(frame["text"].tolist()), index=frame.index)
    conflicting = keys.map(frame.groupby(keys)["dialect"].nunique()) > 1
    frame = frame[~conflicting]
    keys = keys[frame.index]
    eval_keys = set(keys[frame["split"] == "eval"])
    leaked = (frame["split"] == "train") & keys.isin(eval_keys)
    frame = frame[~leaked]
    keys = keys[frame.index]
    return frame[~pd.DataFrame({"k": keys, "s": frame["split"]}).duplicated()]
