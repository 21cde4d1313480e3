"""Akismet's form fields: parsing the body, the required ones, and their Raqib submission counterparts."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

# Raqib submission field -> the Akismet field it comes from.
FIELD_MAP = {
    "permalink": "permalink",
    "author_name": "comment_author",
    "author_email": "comment_author_email",
    "author_url": "comment_author_url",
    "body": "comment_content",
    "author_ip": "user_ip",
    "user_agent": "user_agent",
    "referrer": "referrer",
    "lang": "blog_lang",
    "submitted_at": "comment_date_gmt",
}
AKISMET_NAME = {raqib: akismet for raqib, akismet in FIELD_MAP.items()} | {"site": "api_key"}
# Akismet leaves these optional; Raqib stores a name and groups an author's comments by an address.
ANONYMOUS_NAME = "—"
ANONYMOUS_DOMAIN = "akismet.example"


class AkismetRequestError(Exception):
    """A request Akismet's protocol answers with a message and ``X-akismet-debug-help``."""

    def __init__(self, body: str, debug_help: str, status: int = 400) -> None:
        super().__init__(body)
        self.body, self.debug_help, self.status = body, debug_help, status


@dataclass(frozen=True)
class AkismetForm:
    fields: dict[str, str]

    def get(self, name: str) -> str:
        return self.fields.get(name, "").strip()

    def require(self, *names: str) -> None:
        for name in names:
            if not self.get(name):
                raise AkismetRequestError(f"Missing required field: {name}.", f'Empty "{name}" value')


def parse_form(raw: bytes, content_type: str) -> AkismetForm:
    """The fields of a form-encoded body (the last value of a repeated one); 400 for anything else."""
    if content_type.split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
        raise AkismetRequestError(
            "Unsupported content type.", "Send the fields form-encoded (application/x-www-form-urlencoded)"
        )
    try:
        pairs = parse_qsl(raw.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise AkismetRequestError("Invalid encoding.", "The fields must be UTF-8, percent-encoded") from None
    return AkismetForm(dict(pairs))


def submission(form: AkismetForm, site: str) -> dict[str, Any]:
    """The Raqib submission a comment-check (or a spam / ham report) stands for."""
    data: dict[str, Any] = {"site": site}
    for raqib, akismet in FIELD_MAP.items():
        value = form.get(akismet)
        if value:
            data[raqib] = value
    if "lang" in data:  # WordPress sends a list: "ar, en_US"
        data["lang"] = data["lang"].split(",")[0].strip()
    data.setdefault("permalink", form.get("blog"))
    data.setdefault("author_name", ANONYMOUS_NAME)
    if "author_email" not in data:
        reader = hashlib.sha256(f"{site}|{form.get('user_ip')}".encode()).hexdigest()[:16]
        data["author_email"] = f"anonymous-{reader}@{ANONYMOUS_DOMAIN}"
    if "body" not in data:
        raise AkismetRequestError(
            "Missing required field: comment_content.", "Raqib moderates text: send comment_content"
        )
    return data


def resend_key(data: dict[str, Any]) -> str:
    """The Idempotency-Key of a submission: the same comment sent again (a recheck, a report of it as spam)
    finds the one stored instead of storing a copy."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return "akismet-" + hashlib.sha256(canonical.encode()).hexdigest()[:48]
