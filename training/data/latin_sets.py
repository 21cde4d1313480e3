"""Loaders for the English and French sets: readers of Arabic news sites insult in those languages too.

Label mapping (each set's labels to Raqib's, explicitly; every row is also spam=0, genuine user text):
- Davidson 2017 (English tweets): class 0 hate -> toxic + hate; 1 offensive -> toxic; 2 neither -> clean.
  83% of it is offensive: ``training.fit`` balances each source's labels, so that prior does not carry over.
- Stormfront (de Gibert 2018, English forum sentences): only hate was annotated, so ``hate`` -> toxic + hate
  and ``noHate`` -> hate=0 and toxic=0 as a WEAK label (insults without a group target are noHate there,
  but most noHate sentences are ordinary forum prose; the source weighs less for toxicity, see
  ``training.fit.TrainConfig``); ``relation`` (hateful only with a neighbouring sentence) and ``idk/skip``
  are dropped.
- FTR (French tweets, racism): 1 -> toxic + hate; 0 -> hate=0 and toxic=0, weak in the same way (about 3% of
  label 0 holds plain insults, by the data README's count).
- ToxiFrench (French forum comments, balanced benchmark file): label -> toxic.
The HateCheck suites are never loaded here: they are evaluation-only (``training.suites``).
"""

from __future__ import annotations

import html
import io
import tarfile

import pandas as pd

from training.data.files import FileLog
from training.data.schema import build_frame
from training.data.sources import SourceInfo

Record = tuple[str, dict[str, object]]
_DAVIDSON = {"0": {"toxic": 1, "hate": 1}, "1": {"toxic": 1, "hate": 0}, "2": {"toxic": 0, "hate": 0}}


def load_davidson(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """Davidson et al. 2017: CSV with ``class`` and ``tweet``; HTML entities (``&amp;``) decoded."""
    rows = files.read_csv(f"{info.path}/labeled_data.csv")
    header = rows[0]
    text_at, label_at = header.index("tweet"), header.index("class")
    records: list[Record] = [
        (html.unescape(fields[text_at]), {**_DAVIDSON[fields[label_at]], "spam": 0})
        for fields in rows[1:]
        if len(fields) == len(header) and fields[label_at] in _DAVIDSON
    ]
    return build_frame(records, source=info.name, domain=info.domain)


def load_stormfront(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """Stormfront sentences: texts read from the tar archive in code, joined on ``file_id``."""
    labels = {
        fields[0]: fields[4]
        for fields in files.read_csv(f"{info.path}/annotations_metadata.csv")[1:]
        if len(fields) == 5
    }
    found: list[tuple[str, str, str]] = []
    # One pass in archive order: seeking back and forth in a gzip stream would re-read it per member.
    with tarfile.open(
        fileobj=io.BytesIO(files.read_bytes(f"{info.path}/all_files.tar.gz")), mode="r|gz"
    ) as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".txt"):
                continue
            file_id = member.name.rsplit("/", 1)[-1].removesuffix(".txt")
            label = labels.get(file_id)
            handle = tar.extractfile(member)
            if label in ("hate", "noHate") and handle is not None:
                found.append((file_id, label, handle.read().decode("utf-8", errors="replace")))
    records: list[Record] = [
        (text, {"toxic": int(label == "hate"), "hate": int(label == "hate"), "spam": 0})
        for _, label, text in sorted(found)
    ]
    return build_frame(records, source=info.name, domain=info.domain)


def load_ftr(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """FTR French tweets: ``id,tweet,label``; invalid UTF-8 (tweets cut mid-character) replaced."""
    text = files.read_bytes(f"{info.path}/FTR_new_labels.csv").decode("utf-8", errors="replace")
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    records: list[Record] = [
        (tweet, {"toxic": int(label == "1"), "hate": int(label == "1"), "spam": 0})
        for tweet, label in zip(frame["tweet"], frame["label"].str.strip(), strict=True)
        if label in ("0", "1")
    ]
    return build_frame(records, source=info.name, domain=info.domain)


def load_toxifrench(files: FileLog, info: SourceInfo) -> pd.DataFrame:
    """ToxiFrench balanced benchmark: ``msg_id,content,label`` (1 toxic)."""
    rows = files.read_csv(f"{info.path}/ToxiFrenchBalanced.csv")
    records: list[Record] = [
        (fields[1], {"toxic": fields[2] == "1", "spam": 0})
        for fields in rows[1:]
        if len(fields) == 3 and fields[2] in ("0", "1")
    ]
    return build_frame(records, source=info.name, domain=info.domain)
