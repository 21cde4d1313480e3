"""Webhook signatures: what a receiver verifies, during and after a secret rotation."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from service.comments.models import utcnow
from service.webhooks.endpoints import WebhookError, check_url, secrets_in_force
from service.webhooks.models import SiteWebhook
from service.webhooks.signing import signature, signature_header, verify

BODY = b'{"event":"comment.decided","id":"c1","status":"held"}'


def test_signature_is_hmac_sha256_over_timestamp_dot_body() -> None:
    expected = hmac.new(b"whsec_one", b"1700000000." + BODY, hashlib.sha256).hexdigest()
    assert signature("whsec_one", 1700000000, BODY) == expected
    assert signature_header(["whsec_one"], 1700000000, BODY) == f"v1={expected}"


def test_receiver_verifies_and_refuses_changed_body_timestamp_or_secret() -> None:
    header = signature_header(["whsec_one"], 1700000000, BODY)
    assert verify("whsec_one", "1700000000", BODY, header)
    assert not verify("whsec_one", "1700000001", BODY, header)
    assert not verify("whsec_one", "1700000000", BODY + b" ", header)
    assert not verify("whsec_two", "1700000000", BODY, header)
    assert not verify("whsec_one", "not-a-number", BODY, header)


def test_during_a_rotation_either_secret_verifies() -> None:
    header = signature_header(["whsec_new", "whsec_old"], 1700000000, BODY)
    assert header.count("v1=") == 2
    assert verify("whsec_new", "1700000000", BODY, header)
    assert verify("whsec_old", "1700000000", BODY, header)
    assert not verify("whsec_other", "1700000000", BODY, header)


def test_previous_secret_signs_only_during_its_grace_period() -> None:
    now = utcnow()
    hook = SiteWebhook(site="s", url="https://s.example/hook", secret="new", previous_secret="old")
    hook.previous_secret_until = now + timedelta(hours=1)
    assert secrets_in_force(hook, now) == ["new", "old"]
    hook.previous_secret_until = now - timedelta(seconds=1)
    assert secrets_in_force(hook, now) == ["new"]
    hook.previous_secret, hook.previous_secret_until = None, None
    assert secrets_in_force(hook, now) == ["new"]


def test_callback_urls_must_be_http_with_a_host_and_no_credentials() -> None:
    assert check_url(" https://alghad.example/raqib-hook ") == "https://alghad.example/raqib-hook"
    assert check_url("http://127.0.0.1:8080/h?x=1") == "http://127.0.0.1:8080/h?x=1"
    bad_urls = [
        "ftp://alghad.example/",
        "https://",
        "https://user:pw@alghad.example/",
        "https://a.example/\nX",
        "javascript:alert(1)",
        "https://a.example/" + "x" * 2000,
        "https://a.example/\ud800",
    ]
    for bad in bad_urls:
        try:
            check_url(bad)
        except WebhookError as exc:
            assert exc.code == "invalid_url"
        else:
            raise AssertionError(f"accepted {bad!r}")
