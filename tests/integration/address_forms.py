"""Forty spellings of an e-mail address a reader, a reporter or a moderator may type (plain, obfuscated,
URL-encoded, HTML-escaped, Arabic words, full-width, inside links). ``{l}`` is a unique local part."""

from __future__ import annotations

FORMS: tuple[str, ...] = (
    "{l}@gmail.com",
    "{l}@mail.example.org",
    "{l} @ gmail.com",
    "{l} [at] gmail [dot] com",
    "{l}(at)gmail(dot)com",
    "{l} {{at}} yahoo {{dot}} com",
    "{l} <at> hotmail <dot> com",
    "{l} (@) gmail (.) com",
    "{l} at gmail dot com",
    "{l} at gmail.com",
    "{l} ات gmail نقطة com",
    "{l} آت hotmail نقطه com",
    "{l} أت yahoo دوت com",
    "{l} عند gmail دوت com",
    "{l} على gmail.com",
    "{l}＠gmail．com",
    "{l}%40gmail.com",
    "{l}%40gmail%2Ecom",
    "{l}%2540gmail.com",
    "{l}&#64;gmail.com",
    "{l}&#x40;gmail&#46;com",
    "{l}&commat;gmail&period;com",
    "{L}@GMAIL.COM",
    "{l}+news@gmail.com",
    "first.{l}@example.co.uk",
    "{l}@sub.mail.example.com",
    "https://x.example/?to={l}@gmail.com",
    "mailto:{l}@gmail.com",
    "<{l}@gmail.com>",
    "({l}@gmail.com)",
    "راسلني: {l}@gmail.com.",
    "{l} @ gmail . com",
    "{l}[at]gmail[dot]com",
    "{l} AT gmail DOT com",
    "{l} at outlook dot com",
    "{l}\u200b@gmail.com",
    "{l} @ gmail نقطة com",
    "https://news.example/a?share={l}%40gmail.com",
    "{l} ات gmail . com",
    "{l}@yahoo.fr",
)


def forms(prefix: str) -> list[tuple[str, str]]:
    """(needle, text) per form: the needle is the unique local part that must never be seen again."""
    out = []
    for i, form in enumerate(FORMS):
        needle = f"{prefix}{i:02d}reader"
        out.append((needle, form.format(l=needle, L=needle.upper())))
    return out
