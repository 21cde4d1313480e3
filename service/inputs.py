"""What every untrusted value must pass before it reaches the database: the edge rules of the whole API.

PostgreSQL refuses a NUL character in text, a lone UTF-16 surrogate cannot be encoded to UTF-8 at all (a
site's JavaScript produces one when it cuts an emoji in half, and JSON's ``"\\ud800"`` escape lets it
through), and an integer beyond the column's range fails the statement. Each of those was a 500; checked
here first, each is a 4xx that names the field and the reason (I-JSON, RFC 7493: strings are valid Unicode).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated
from urllib.parse import parse_qsl

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from service.text import mask_emails

# Integer ids and counters are 32-bit INTEGER columns: larger values cannot name a row.
DB_INT_MAX = 2**31 - 1

_SURROGATE = re.compile(r"[\ud800-\udfff]")
# C0 controls, DEL and C1 controls; tab, newline and carriage return are allowed where text may span lines.
_CONTROL_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """The code of a string the service refuses (``invalid_unicode``, ``control_characters``), or None."""
    if _SURROGATE.search(value):
        return "invalid_unicode"
    if (_CONTROL_TEXT if multiline else _CONTROL_LINE).search(value):
        return "control_characters"
    return None


def printable_name(name: str) -> str:
    """A client-chosen name (a JSON key, a query parameter) safe to echo as an error's ``field``: encodable,
    on one line, short, and with any address in it masked."""
    cleaned = _SURROGATE.sub("\ufffd", name)
    cleaned = _CONTROL_LINE.sub("\ufffd", cleaned)
    return mask_emails(cleaned[:100])


def _refuse_line(value: str) -> str:
    problem = text_problem(value)
    if problem:
        raise PydanticCustomError(problem, _PYDANTIC_MESSAGES[problem])
    return value


def _refuse_text(value: str) -> str:
    problem = text_problem(value, multiline=True)
    if problem:
        raise PydanticCustomError(problem, _PYDANTIC_MESSAGES[problem])
    return value


_PYDANTIC_MESSAGES = {
    "invalid_unicode": "The text is not valid Unicode (a lone surrogate).",
    "control_characters": "The text contains control characters that are not allowed.",
}

# Annotated types for request models: one line of text, and free text (notes, reasons) that may span lines.
SafeLine = Annotated[str, AfterValidator(_refuse_line)]
SafeText = Annotated[str, AfterValidator(_refuse_text)]

# Characters that change nothing visible: zero-width space/joiners, BOM, soft hyphen, bidi controls.
_INVISIBLE_CATEGORIES = frozenset({"Cf"})


def normalize_site(name: str) -> str:
    """The one spelling of a site name that is compared and stored: NFKC, no invisible characters, casefolded.

    ``KEYED.example``, ``keyed.example\\u200b`` and ``ｋｅｙｅｄ.example`` are all ``keyed.example``, so a
    look-alike cannot pass as a new, keyless site.
    """
    folded = unicodedata.normalize("NFKC", name)
    visible = "".join(c for c in folded if unicodedata.category(c) not in _INVISIBLE_CATEGORIES)
    return unicodedata.normalize("NFKC", visible.casefold()).strip().rstrip(".")


def query_problems(raw_query: bytes) -> list[tuple[str, str]]:
    """(parameter, code) of every query parameter that is not clean UTF-8 text on one line."""
    if not raw_query:
        return []
    try:
        pairs = parse_qsl(raw_query.decode("latin-1"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        return [("query", "invalid_query_encoding")]
    problems = []
    for name, value in pairs:
        problem = text_problem(name) or text_problem(value)
        if problem:
            problems.append((printable_name(name), problem))
    return problems


def path_problem(path: str) -> str | None:
    """The error code of a request path no route may see (a NUL or control character, a surrogate)."""
    return text_problem(path)
