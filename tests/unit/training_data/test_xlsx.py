"""The streaming xlsx reader: wanted columns only, shared/inline/rich strings, gaps, numbers as written."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from training.data.xlsx import read_columns

from .tiny_data import write_xlsx

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def test_reads_only_the_asked_columns_of_an_openpyxl_workbook(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    write_xlsx(
        path, [("نص", "x", "label", "date"), ("أهلا", None, 1, dt.datetime(2021, 3, 2)), (None, "y", "Ham")]
    )
    rows = list(read_columns(path.read_bytes(), (2, 0)))
    assert rows == [("label", "نص"), ("1", "أهلا"), ("Ham", None)]


def _book(sheet_xml: str, strings_xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            '<sheets><sheet name="S" sheetId="1" r:id="rId7"/></sheets></workbook>',
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId7" Type="worksheet" Target="worksheets/data.xml"/></Relationships>',
        )
        book.writestr("xl/sharedStrings.xml", f'<sst xmlns="{_MAIN}">{strings_xml}</sst>')
        book.writestr(
            "xl/worksheets/data.xml",
            f'<worksheet xmlns="{_MAIN}"><sheetData>{sheet_xml}</sheetData></worksheet>',
        )
    return buffer.getvalue()


def test_inline_rich_and_phonetic_strings_and_cells_without_references() -> None:
    strings = "<si><t>plain</t></si><si><r><t>ri</t></r><r><t>ch</t></r><rPh><t>hint</t></rPh></si>"
    sheet = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>'
        '<row r="3"><c t="inlineStr"><is><t>inline</t></is></c><c><v>7</v></c><c t="b"><v>1</v></c></row>'
        '<row r="4"><c r="AA4"><v>9</v></c></row>'
    )
    rows = list(read_columns(_book(sheet, strings), (0, 2, 26)))
    assert rows == [("plain", "rich", None), ("inline", "1", None), (None, None, "9")]
