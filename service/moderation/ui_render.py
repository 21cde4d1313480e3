"""Rendering the moderator pages: one autoescaping Jinja2 environment, language choice, safe headers."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from service.moderation.highlight import highlight
from service.moderation.i18n import DEFAULT_LANG, LANGS, translate
from service.moderation.visible_text import show_hidden

TEMPLATES_DIR = Path(__file__).parent / "templates"
LANG_COOKIE = "raqib_lang"

# No inline script or style anywhere, so the policy can be strict: smuggled markup in a comment runs nothing.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["highlight"] = highlight
    env.filters["visible"] = show_hidden
    env.globals["with_params"] = with_params
    env.filters["pct"] = lambda p: "—" if p is None else f"{float(p) * 100:.0f}%"
    # Readable JSON (Arabic as letters, not \u escapes) that autoescaping then makes safe as text.
    env.filters["json_text"] = lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True)
    return env


def choose_lang(request: Request) -> str:
    """?lang= wins (and is remembered in a cookie), then the cookie, then Arabic."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    cookie = request.cookies.get(LANG_COOKIE)
    return cookie if cookie in LANGS else DEFAULT_LANG


def secure_headers(response: Any) -> Any:
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    return response


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """A page with the language, direction and translator filled in, and the security headers set."""
    lang = choose_lang(request)
    ctx = {
        "request": request,
        "lang": lang,
        "dir": "rtl" if lang == "ar" else "ltr",
        "t": lambda key: translate(lang, key),
        "other_lang": "en" if lang == "ar" else "ar",
        "switch_url": with_params(
            request.url.path + ("?" + request.url.query if request.url.query else ""),
            lang="en" if lang == "ar" else "ar",
        ),
        **context,
    }
    html = environment().get_template(template).render(ctx)
    response = secure_headers(HTMLResponse(html, status_code=status_code))
    if request.query_params.get("lang") in LANGS:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


def redirect(url: str) -> RedirectResponse:
    return secure_headers(RedirectResponse(url, status_code=303))


def safe_next(target: str | None, default: str = "/moderation/queue") -> str:
    """Only local moderation URLs are followed after a form, never another host."""
    if target and target.startswith("/moderation/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


def with_params(url: str, **params: Any) -> str:
    """``url`` with query parameters replaced (None removes one)."""
    base, _, query = url.partition("?")
    current = dict(parse_qsl(query, keep_blank_values=False))
    for key, value in params.items():
        if value is None:
            current.pop(key, None)
        else:
            current[key] = str(value)
    return f"{base}?{urlencode(current)}" if current else base
