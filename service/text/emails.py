"""E-mail privacy: masking addresses in what is stored and shown, and hashing the author's address.

Masked form (the same for plain and obfuscated spellings, always lower case)::

    first character of the local part + "***@" + first character of the domain's first label + "***"
    + the rest of the domain after its first label

    john.smith@gmail.com          -> j***@g***.com
    Ali_99 [at] yahoo [dot] co.uk -> a***@y***.co.uk
    name ات hotmail نقطة com      -> n***@h***.com

What counts as an address is the ONE e-mail pattern of :mod:`service.text.entities` (plain, spaced, bracketed,
English/Arabic words for at/dot, full-width ＠ and ．, Arabic-Indic digits, zero-width characters inside).
Text that is not an address is returned byte for byte: prices, times (10:30), verse references (2:255),
@mentions, and sentences using "at"/"dot"/"نقطة" as words. URLs are left alone, except that a complete plain
address inside a URL (``https://x.com/?to=john@gmail.com``) is masked too: privacy wins over the link;
``https://example.com/a@b`` has no address (no TLD after ``@``) and stays as it is.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

from service.text.arabic import map_chars, normalize_chars
from service.text.entities import MASK_FALLBACK, MASK_SCANNER, URL_EMAIL_SCANNER, email_parts, iter_entities


def _masked(local: str, labels: list[str]) -> str:
    first, rest = (labels[0], labels[1:]) if labels else ("", [])
    return f"{local[:1]}***@{first[:1]}***" + "".join(f".{label}" for label in rest)


# "@" and "." written as URL escapes (a query string, a pasted link) or HTML character references.
_ENCODED = re.compile(
    r"(?P<at>%(?:25)?40|&#0*64;|&#x0*40;|&commat;)|(?P<dot>%(?:25)?2e|&#0*46;|&#x0*2e;|&period;)",
    re.IGNORECASE,
)


def _decoded(s: str, starts: list[int], ends: list[int]) -> tuple[str, list[int], list[int]]:
    """``s`` with encoded separators decoded; ``starts``/``ends`` still point into the original text."""
    if "%" not in s and "&" not in s:
        return s, starts, ends
    parts: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    pos = 0
    for m in _ENCODED.finditer(s):
        parts.append(s[pos : m.start()])
        new_starts.extend(starts[pos : m.start()])
        new_ends.extend(ends[pos : m.start()])
        parts.append("@" if m.lastgroup == "at" else ".")
        new_starts.append(starts[m.start()])
        new_ends.append(ends[m.end() - 1])
        pos = m.end()
    parts.append(s[pos:])
    new_starts.extend(starts[pos:])
    new_ends.extend(ends[pos:])
    return "".join(parts), new_starts, new_ends


def _email_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, masked form) of every address in ``text``, in order, spans in the original text."""
    s, starts, ends = _decoded(*map_chars(text))
    found: list[tuple[int, int, str]] = []
    for kind, a, b, m in iter_entities(s, MASK_SCANNER, MASK_FALLBACK):
        if kind == "email":
            if m.lastgroup != "masked":
                found.append((starts[a], ends[b - 1], _masked(*email_parts(m))))
            continue
        # a URL: only a complete plain address inside it is masked
        for e in URL_EMAIL_SCANNER.finditer(s, a, b):
            if e.lastgroup == "email":
                found.append((starts[e.start("local")], ends[e.end() - 1], _masked(*email_parts(e))))
    return found


def mask_emails(text: str) -> str:
    """``text`` with every e-mail address (plain or obfuscated) replaced by its masked form."""
    if not text:
        return text
    spans = _email_spans(text)
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for start, end, masked in spans:
        parts.append(text[pos:start])
        parts.append(masked)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def contains_email(text: str) -> bool:
    """True if ``text`` holds an e-mail address in any form :func:`mask_emails` masks."""
    return bool(text) and bool(_email_spans(text))


def count_emails(text: str) -> int:
    """How many e-mail addresses ``text`` holds, in every form :func:`mask_emails` masks."""
    return len(_email_spans(text)) if text else 0


def mask_email_address(address: str) -> str:
    """Masked display form of an author's e-mail field (``j***@g***.com``); ``***`` if it has no ``@``."""
    canonical = normalize_chars(address).strip()
    local, at, domain = canonical.rpartition("@")
    if not at:
        return "***"
    return _masked(local.strip(), domain.strip().split("."))


def canonical_address(address: str) -> str:
    """The form that is hashed: NFKC, surrounding spaces stripped, lower case (gmail dots NOT folded)."""
    return unicodedata.normalize("NFKC", address).strip().lower()


def email_hash(address: str, secret: str) -> str:
    """HMAC-SHA256 hex of the canonical address, keyed by the server secret (groups an author's comments)."""
    key = secret.encode("utf-8")
    return hmac.new(key, canonical_address(address).encode("utf-8"), hashlib.sha256).hexdigest()
