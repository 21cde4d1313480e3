"""The edge rules every input passes (service.inputs): text the database can store, one spelling per site."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from service.inputs import (
    SafeLine,
    SafeText,
    normalize_site,
    path_problem,
    printable_name,
    query_problems,
    text_problem,
)


@pytest.mark.parametrize(
    ("value", "multiline", "code"),
    [
        ("مرحبا 😀", False, None),
        ("x\ud800y", False, "invalid_unicode"),
        ("\udfff", True, "invalid_unicode"),
        ("a\x00b", True, "control_characters"),
        ("a\x1bb", False, "control_characters"),
        ("a\x85b", False, "control_characters"),
        ("line\nnext\tcell\r\n", True, None),
        ("line\nnext", False, "control_characters"),
        ("\u200b\u202e", False, None),  # invisible, but storable: shown marked to moderators, not refused
    ],
)
def test_text_problem(value: str, multiline: bool, code: str | None) -> None:
    assert text_problem(value, multiline=multiline) == code


@pytest.mark.parametrize(
    "spelling",
    ["keyed.example", "KEYED.example", "Keyed.Example.", "keyed.example\u200b", "\u202ekeyed.example",
     "ｋｅｙｅｄ.example", " keyed.example ", "keyed\u00ad.example", "\ufeffkeyed.example"],
)  # fmt: skip
def test_look_alike_site_names_are_one_site(spelling: str) -> None:
    assert normalize_site(spelling) == "keyed.example"


def test_distinct_sites_stay_distinct() -> None:
    assert normalize_site("keyed.example") != normalize_site("keyed.exampie")
    assert normalize_site("الغد.example") == "الغد.example"


def test_query_and_path() -> None:
    assert query_problems(b"") == []
    assert query_problems(b"q=%D8%B4%D9%83%D8%B1%D8%A7&site=a") == []
    assert query_problems(b"q=a%00b&site=ok") == [("q", "control_characters")]
    assert query_problems(b"q=%ED%A0%80") == [("query", "invalid_query_encoding")]  # an encoded surrogate
    assert query_problems(b"q=%ff") == [("query", "invalid_query_encoding")]
    assert path_problem("/v1/comments/abc") is None
    assert path_problem("/v1/comments/a\x00") == "control_characters"


def test_printable_name_masks_and_cleans() -> None:
    assert printable_name("ali@gmail.com") == "a***@g***.com"
    assert printable_name("x\ud800\x00") == "x\ufffd\ufffd"
    assert len(printable_name("k" * 500)) == 100


class _Body(BaseModel):
    line: SafeLine
    text: SafeText


def test_pydantic_types_refuse_with_the_api_codes() -> None:
    assert _Body(line="ok", text="a\nb").text == "a\nb"
    with pytest.raises(ValidationError) as refused:
        _Body(line="a\nb", text="x\ud800")
    assert [e["type"] for e in refused.value.errors()] == ["control_characters", "invalid_unicode"]
