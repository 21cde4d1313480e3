"""Patterns for what a comment may hold besides words: URLs, e-mail addresses (plain and obfuscated), phone
numbers, @mentions, #hashtags, and the placeholders that replace them.

The patterns run on text that went through :func:`service.text.arabic.map_chars` (lower case, ASCII digits,
``ة`` -> ``ه``, ``آ``/``أ`` -> ``ا``, full-width ``＠``/``．`` folded), so they only spell canonical forms.
The ONE e-mail pattern, ``EMAIL``, is used by both the normaliser and the masker.

E-mail forms (``local`` = ``[a-z0-9_][a-z0-9._%+-]*``):

1. plain: ``local@label(.label)*.tld``, any alphabetic TLD, no spaces;
2. loose at: ``@`` with spaces around it, ``(at) [at] {at} <at> (@) [@]``, or Arabic ``ات``/``آت``/``أت``;
   dots may then be ``.``, `` . ``, ``(dot) [dot] (.) [.]``, the word ``dot``, or ``نقطة``/``نقطه``/``دوت``;
   the last label must be a known TLD (``TLDS``);
3. the bare word ``at``, or the Arabic ``عند`` / ``على`` (``name at gmail.com``, ``name عند gmail دوت com``):
   only when at least one dot is spelled out (``dot``, ``[dot]``, ``نقطة``, ``دوت``...) or the domain's first
   label is a known mail provider (``PROVIDERS``), so that "look at example.com", "meet me at home" and
   "شاهد video على youtube.com" stay sentences.

URL-encoded and HTML-escaped separators (``name%40gmail.com``, ``name&#64;gmail&#46;com``) are decoded by the
masker (:mod:`service.text.emails`) before these patterns run.

The TLD must not be followed by a letter (``a@b.com5`` is an address followed by ``5``). Dots, dashes, ``%``
and ``+`` leading a local part are left outside the address (``...john@x.com`` -> ``...`` + address). An
address masked earlier (``j***@g***.com``) is recognised as such, so masking twice changes nothing.

URLs: ``http(s)://...`` or ``www....`` up to the next space (trailing punctuation left out), and bare domains
``label.label.tld`` with a known TLD, optionally followed by ``/path``.

Phones: ``+`` or ``00`` then 7-14 digits; ``0[1-9]`` then 7-9 more digits (06 12 34 56 78, 01012345678); or
10-14 digits in one run starting with 1-9. Digit groups may be separated by spaces, ``-`` or ``.``; the number
must not touch a letter or digit, so times (10:30), prices, years and verse references (2:255) stay numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

TLDS: tuple[str, ...] = (
    "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "io", "co", "me", "tv", "cc", "ly",
    "ma", "dz", "tn", "eg", "sa", "ae", "qa", "kw", "bh", "om", "jo", "lb", "sy", "iq", "ps", "ye", "sd",
    "mr", "fr", "uk", "de", "us", "ru", "tr", "es", "it", "be", "ch", "ca", "au", "nl", "xyz", "online",
    "site", "app", "dev", "store", "shop", "top", "live", "link", "club", "news", "blog", "tech", "ai",
)  # fmt: skip
PROVIDERS: tuple[str, ...] = (
    "gmail", "googlemail", "hotmail", "yahoo", "outlook", "live", "icloud", "aol", "protonmail", "proton",
    "yandex", "gmx", "msn", "ymail", "mail", "menara",
)  # fmt: skip

PLACEHOLDERS: dict[str, str] = {
    "url": "_url_",
    "email": "_email_",
    "phone": "_phone_",
    "user": "_user_",
    "hashtag": "_hashtag_",
}

_TLD = "(?:" + "|".join(sorted(TLDS, key=len, reverse=True)) + ")(?![a-z])"
# Possessive quantifiers and run-start lookbehinds keep every pattern linear: a run of address characters is
# entered once, at its start (leading dots/dashes are stepped over, outside the local part), and never given
# back, so a hostile "a.a.a.a...@" costs one pass, not one pass per character.
_LABEL = r"[a-z0-9][a-z0-9\-]*+"
_LOCAL = r"(?<![a-z0-9._%+\-])[.%+\-]*+(?P<local>[a-z0-9_][a-z0-9._%+\-]*+)"

_OPEN, _CLOSE = r"[(\[{<]", r"[)\]}>]"
_AT_LOOSE = rf"(?:\s*@\s*|\s*{_OPEN}\s*(?:at|@)\s*{_CLOSE}\s*|\s*ات\s*)"
_DOT_WORD = rf"(?:\s*{_OPEN}\s*(?:dot|\.)\s*{_CLOSE}\s*|\s+dot\s+|\s*(?:نقطه|دوت)\s*)"
_DOT_ANY = rf"(?:{_DOT_WORD}|\s*\.\s*)"
# Words for "at" that are everyday words too (English "at", Arabic "عند", "على" which map_chars spells
# "علي"): held to the bare-at rule.
_AT_WORD = r"(?:at|عند|علي)"

EMAIL = (
    rf"{_LOCAL}(?:"
    rf"@(?P<d1>{_LABEL}(?:\.{_LABEL})*\.[a-z]{{2,}})(?![a-z])"
    rf"|{_AT_LOOSE}(?P<d2>{_LABEL}(?:{_DOT_ANY}{_LABEL})*{_DOT_ANY}{_TLD})"
    rf"|\s+{_AT_WORD}\s+(?P<d3>{_LABEL}(?:{_DOT_ANY}{_LABEL})*{_DOT_ANY}{_TLD}))"
)
_DOT_WORD_RE = re.compile(_DOT_WORD)
_PROVIDERS = frozenset(PROVIDERS)
STRICT_EMAIL = rf"{_LOCAL}@(?P<d1>{_LABEL}(?:\.{_LABEL})*\.[a-z]{{2,}})(?![a-z])"
# An address already masked by service.text.emails (stars squeezed or not): left alone by the masker, an
# e-mail for the normaliser.
MASKED_EMAIL = r"(?:(?<![a-z0-9_])[a-z0-9_]|(?<![a-z0-9_*]))\*++@[a-z0-9]?\*++(?:\.[a-z0-9\-]++)*+"

_URL_END = r"""[^\s<>"'.,;:!?)\]}»]"""
URL_HARD = rf"""(?<![a-z0-9])(?:https?://|www\.)(?:[^\s<>"]*{_URL_END})?"""
URL_BARE = rf"""(?<![a-z0-9@_.\-])\.*+(?P<bare>(?:{_LABEL}\.)+{_TLD}(?:/(?:[^\s<>"]*{_URL_END})?)?)"""

_SEP = r"(?:\s*[\-.]\s*|\s+)"
_NUMBER = rf"(?:\+|00)[1-9](?:{_SEP}?\d){{6,13}}|0[1-9](?:{_SEP}?\d){{7,9}}|[1-9]\d{{9,13}}"
PHONE = rf"(?<![^\W_])(?:{_NUMBER})(?![^\W_])"
MENTION = r"(?<!\w)@\w+"
HASHTAG = r"(?<!\w)#\w+"
PLACEHOLDER = r"_(?:url|email|phone|user|hashtag)_"

# Where two start at the same place the first listed wins: placeholders, masked addresses, http/www URLs (an
# address inside a URL is part of the URL), e-mails, then bare domains, phones, mentions, hashtags. The
# lookahead on the first character lets the engine skip Arabic text without trying every alternative.
_AFTER_EMAIL = rf"(?P<url2>{URL_BARE})|(?P<phone>{PHONE})|(?P<user>{MENTION})|(?P<hashtag>{HASHTAG})"
NORMALIZE_SCANNER = re.compile(
    rf"(?=[_*a-z0-9@#+.%\-])(?:(?P<placeholder>{PLACEHOLDER})|(?P<masked>{MASKED_EMAIL})"
    rf"|(?P<url>{URL_HARD})|(?P<email>{EMAIL})|{_AFTER_EMAIL})"
)
NORMALIZE_FALLBACK = re.compile(_AFTER_EMAIL)
MASK_SCANNER = re.compile(
    rf"(?=[_*a-z0-9.%+\-])(?:(?P<masked>{MASKED_EMAIL})|(?P<url>{URL_HARD})|(?P<email>{EMAIL})"
    rf"|(?P<url2>{URL_BARE}))"
)
MASK_FALLBACK = re.compile(rf"(?P<url2>{URL_BARE})")
# Inside a URL only plain addresses count (and one already masked is left alone).
URL_EMAIL_SCANNER = re.compile(rf"(?P<masked>{MASKED_EMAIL})|(?P<email>{STRICT_EMAIL})")
DOT_SPLIT = re.compile(_DOT_ANY)


def kind_of(match: re.Match[str]) -> str:
    """Kind of a scanner match: ``placeholder``, ``url``, ``email``, ``phone``, ``user`` or ``hashtag``."""
    # lastgroup is the top-level alternative: it is the group that closes last
    kind = match.lastgroup or ""
    return {"url2": "url", "masked": "email"}.get(kind, kind)


def email_parts(match: re.Match[str]) -> tuple[str, list[str]]:
    """The local part and the domain labels of an e-mail match (obfuscated separators removed)."""
    domain = match.group("d1") or match.group("d2") or match.group("d3")
    return match.group("local"), [label for label in DOT_SPLIT.split(domain) if label]


def _bare_at_accepted(domain: str) -> bool:
    """``name at domain``: an address only with a spelled-out dot or a mail provider's domain."""
    first = next(label for label in DOT_SPLIT.split(domain) if label)
    return first in _PROVIDERS or _DOT_WORD_RE.search(domain) is not None


def iter_entities(
    s: str, scanner: re.Pattern[str], fallback: re.Pattern[str]
) -> Iterator[tuple[str, int, int, re.Match[str]]]:
    """(kind, start, end, match) of each entity of ``s`` left to right; start/end are positions in ``s``.

    The text after an entity is scanned as if it began there, exactly as it is when a normalised text (where a
    space follows every placeholder) is normalised again: that keeps normalize and mask_emails idempotent.
    A leading run of dots or dashes stepped over by a pattern is left outside the entity.
    """
    offset, sub, at = 0, s, 0
    while (m := scanner.search(sub, at)) is not None:
        if m.lastgroup == "email" and m.group("d3") is not None and not _bare_at_accepted(m.group("d3")):
            refused = m.start()
            m = fallback.match(sub, refused)
            if m is None:
                at = refused + 1
                continue
        group = {"email": "local", "url2": "bare"}.get(m.lastgroup or "", 0)
        yield kind_of(m), offset + m.start(group), offset + m.end(), m
        offset += m.end()
        sub, at = s[offset:], 0
