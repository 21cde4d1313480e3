"""A small streaming reader for the first sheet of an .xlsx file that converts only the columns asked for.

openpyxl parses and converts every cell of every row (dates included) before a caller can drop columns; the
Vanetik files have 19 columns of which two are used, and the DIB file's date/time columns must never be
read. This reader walks the sheet XML once and keeps the raw text of the wanted cells only (numbers as their
written text, e.g. "1"), which is also several times faster.
"""

from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_COLUMN = re.compile(r"[A-Z]+")


def _column_index(ref: str) -> int:
    letters = _COLUMN.match(ref)
    index = 0
    for ch in letters.group() if letters else "":
        index = index * 26 + ord(ch) - 64
    return index - 1


def _text_of(element: ET.Element) -> str:
    # A shared or inline string is one <t> or rich-text runs <r><t>; phonetic hints (<rPh>) are not text.
    parts = []
    for child in element:
        if child.tag == _MAIN + "t":
            parts.append(child.text or "")
        elif child.tag == _MAIN + "r":
            parts.extend(t.text or "" for t in child.iter(_MAIN + "t"))
    return "".join(parts)


def _shared_strings(book: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    root = ET.fromstring(book.read("xl/sharedStrings.xml"))
    return [_text_of(si) for si in root.iter(_MAIN + "si")]


def _first_sheet(book: zipfile.ZipFile) -> str:
    workbook = ET.fromstring(book.read("xl/workbook.xml"))
    first = next(workbook.iter(_MAIN + "sheet"))
    rel_id = first.get(_REL + "id")
    rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = next(r.get("Target", "") for r in rels.iter(_PKG_REL + "Relationship") if r.get("Id") == rel_id)
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def read_columns(data: bytes, columns: tuple[int, ...]) -> Iterator[tuple[str | None, ...]]:
    """Yield, per row of the first sheet, the text of the cells at the 0-based `columns` (None when empty)."""
    wanted = {column: slot for slot, column in enumerate(columns)}
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        strings = _shared_strings(book)
        with book.open(_first_sheet(book)) as sheet:
            values: list[str | None] = [None] * len(columns)
            position = -1
            for _, element in ET.iterparse(sheet, events=("end",)):
                if element.tag == _MAIN + "c":
                    ref = element.get("r")
                    position = _column_index(ref) if ref else position + 1
                    slot = wanted.get(position)
                    if slot is not None:
                        values[slot] = _cell_value(element, strings)
                elif element.tag == _MAIN + "row":
                    yield tuple(values)
                    values, position = [None] * len(columns), -1
                    element.clear()


def _cell_value(cell: ET.Element, strings: list[str]) -> str | None:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(_MAIN + "is")
        return _text_of(inline) if inline is not None else None
    value = cell.find(_MAIN + "v")
    if value is None or value.text is None:
        return None
    if kind == "s":
        return strings[int(value.text)]
    return value.text
