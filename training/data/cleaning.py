"""Removing the artefacts that datasets add to text, so a model learns the message and not where it came from.

The rules, applied by `clean_text` in this order to every source (one place, so all sources agree):

1. Line breaks: the `<LF>` placeholder (OSACT) becomes a real newline; Excel's `_x000D_` escape and `\\r` are
   dropped; blank lines are squeezed and spaces/tabs collapsed.
2. Retweet header: a leading `RT @handle:` / `RT @USER` is removed. It marks a tweet as a retweet, which no
   comment is, and the spam files are full of it (every Alharthi spam row is a retweet of an ad).
3. Reply header: the run of `@mentions` a tweet starts with (Twitter's reply addressing, e.g.
   `@USER @USER text`) is removed, for the same reason: comments never start that way.
4. Other mentions (`@USER`, `@user`, a real `@handle`) become `@user` (the normaliser's `_user_`).
5. Links: the datasets' `URL` / `@url` placeholders become `http://url` (the normaliser's `_url_`); a link at
   the very END of a tweet is removed because Twitter appends it itself for an attached photo or quoted tweet
   (1,260 of the 7,000 OSACT2020 tweets end that way, most of them ham): keeping it would teach the spam model
   that links are a sign of ham. Links inside the text are kept: a link a person typed is a real spam signal.
6. Literal `EMOJI` / `NUM` / `NEWLINE` / `USER` / `URL` words (QADI's placeholders) are handled the same way:
   `NEWLINE` → newline, `EMOJI` and `NUM` removed, `USER` → `@user`, `URL` → `http://url`.
7. The DIB spam file's bracketed placeholders (only in spam rows, sometimes cut off: `[رابط`) are mapped the
   same way: `[رابط]` (link) → `http://url`, `[مستخدم]` (user) → `@user`, `[بريد]` (e-mail) → `_email_`.
8. A trailing `…` is removed: Twitter appends it when it truncates a retweet (17% of spam rows, 1% of ham).

Source-specific rules live in the loaders and are listed here so this file stays the one reference:
- DIB 2023: rows containing the augmentation token `[UNK` are dropped; the news-outlet signature that ends
  most ham headlines (`العربية`, `الإماراتاليوم`, `سكايأخبار`...) is removed (DIB_OUTLETS), else the model
  would learn "ends with a channel name" = ham.
- Syrian SMS: operator notices dropped, split promotions reassembled (sms_notices).
- ID16 (Saudi hate): mojibake repaired (vanetik_sets.repair_mojibake).

Hashtags are kept as written (the normaliser decides what to do with them); digits, emoji and punctuation are
kept (the DIB spam file already lost its digits, so digits are NOT a reliable spam cue — see its loader).
"""

from __future__ import annotations

import re

_USER = "@user"
_URL = "http://url"

_CARRIAGE = re.compile(r"_x000D_|\r")
_LF_PLACEHOLDER = re.compile(r"<LF>|\bNEWLINE\b")
_DROPPED_WORDS = re.compile(r"\b(?:EMOJI|NUM)\b")
_RETWEET = re.compile(r"^\s*RT\s+@\w+\s*:?\s*", re.IGNORECASE)
_LEADING_MENTIONS = re.compile(r"^(?:\s*@\w+(?!\w)[:\s]*)+")
_MENTION = re.compile(r"@\w+")
_URL_PLACEHOLDER = re.compile(r"@url\b|(?<![\w/@.])URL\b", re.IGNORECASE)
_USER_WORD = re.compile(r"(?<![\w/@.])USER\b")
_LINK = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_BRACKETED = (
    (re.compile(r"\[رابط\]?"), _URL),
    (re.compile(r"\[مستخدم\]?"), _USER),
    (re.compile(r"\[بريد(?:\s*(?:ال|إل|ا)?كتروني)?\]?"), "_email_"),
)
_TRUNCATED = re.compile(r"\s*…+\s*$")
DIB_OUTLETS = frozenset(
    ("العربية", "الإماراتاليوم", "سكايأخبار", "شاهدسكاي", "الحدث", "سكايرياضة", "الصباحسكاي", "سكاياقتصاد")
)
_TWO_LETTERS = re.compile(r"[^\W\d_].*?[^\W\d_]", re.DOTALL)
_SPACES = re.compile(r"[ \t\u00a0\u200f\u200e]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")


def clean_text(text: str) -> str:
    """Return `text` with source artefacts reduced as documented in this module."""
    text = _CARRIAGE.sub("\n", text)
    text = _LF_PLACEHOLDER.sub("\n", text)
    text = _DROPPED_WORDS.sub(" ", text)
    for pattern, placeholder in _BRACKETED:
        text = pattern.sub(f" {placeholder} ", text)
    text = _URL_PLACEHOLDER.sub(_URL, text)
    text = _USER_WORD.sub(_USER, text)
    text = _RETWEET.sub("", text)
    text = _LEADING_MENTIONS.sub("", text)
    text = _MENTION.sub(_USER, text)
    text = _LINK.sub(_URL, text)
    text = _strip_trailing_links(_TRUNCATED.sub("", _strip_trailing_links(text)))
    text = _SPACES.sub(" ", text)
    text = _BLANK_LINES.sub("\n", text)
    return text.strip()


def _strip_trailing_links(text: str) -> str:
    body = text.rstrip()
    while body.endswith(_URL):
        body = body[: -len(_URL)].rstrip()
    return body


def strip_outlet(text: str) -> str:
    """Remove a DIB news-outlet signature from the end of a headline."""
    head, _, last = text.rstrip().rpartition(" ")
    return head if head and last in DIB_OUTLETS else text


def has_content(text: str) -> bool:
    """True when the cleaned text still holds at least two letters (not just placeholders or emoji)."""
    return _TWO_LETTERS.search(text.replace(_USER, "").replace(_URL, "").replace("_email_", "")) is not None
