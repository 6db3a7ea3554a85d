"""Webhook delivery against a real loopback receiver: signed, retried, never raising.

Waits are recorded by a fake ``sleep`` instead of slept.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
from collections.abc import Iterator

import httpx
import pytest

from nextseason import __version__
from nextseason.errors import UsageError
from nextseason.watch.webhook import (
    Delivery,
    WebhookConfig,
    deliver,
    encode_payload,
    parse_webhook_url,
    sign,
    verify,
)
from tests.support.replay import Recorded, ReplayServer, Reply

SECRET = "correct horse battery staple"
CHANGE_ID = "urn:nextseason:change:42:verdict-2026-11-20"
CHANGE = {
    "show": {"id": 42, "title": "Dark Matter"},
    "kind": "verdict",
    "before": "waiting for news",
    "after": "renewed",
    "summary": "Apple TV+ announced a second season — «très attendu».",
}


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def server() -> Iterator[ReplayServer]:
    with ReplayServer() as running:
        yield running


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def post(
    url: str,
    sleeps: Sleeps,
    *,
    secret: str | None = SECRET,
    timeout: float = 5.0,
    retries: int = 3,
    backoff: float = 1.0,
) -> Delivery:
    """Deliver the change, as a check would."""
    config = WebhookConfig(url, secret=secret, timeout=timeout, retries=retries, backoff=backoff)
    return deliver(config, CHANGE, delivery_id=CHANGE_ID, sleep=sleeps)


def delivery_ids(requests: list[Recorded]) -> set[str | None]:
    return {r.header("X-Nextseason-Delivery") for r in requests}


# -- delivered ----------------------------------------------------------------------------


def test_the_receiver_can_verify_the_signature_of_the_body_it_got(
    server: ReplayServer, sleeps: Sleeps
) -> None:
    server.add("POST", "/hook", Reply(204))
    result = post(f"{server.url}/hook", sleeps)
    assert result == Delivery(ok=True, attempts=1, status=204)
    got = server.last("/hook")
    signature = got.header("X-Nextseason-Signature")
    assert signature is not None and signature.startswith("sha256=")
    assert verify(SECRET, got.body, signature)
    assert not verify("another secret", got.body, signature)
    assert json.loads(got.body) == CHANGE
    assert sleeps.waits == []


def test_the_body_is_compact_sorted_utf8_json_with_the_documented_headers(
    server: ReplayServer, sleeps: Sleeps
) -> None:
    server.add("POST", "/hook", Reply(200))
    post(f"{server.url}/hook", sleeps)
    got = server.last("/hook")
    assert got.body == encode_payload(CHANGE)
    assert got.body.startswith(b'{"after":"renewed","before":"waiting for news","kind":')
    assert "«très attendu»".encode() in got.body
    assert got.header("Content-Type") == "application/json"
    assert got.header("User-Agent") == f"nextseason/{__version__}"
    assert got.header("X-Nextseason-Delivery") == CHANGE_ID


def test_without_a_secret_nothing_is_signed(server: ReplayServer, sleeps: Sleeps) -> None:
    server.add("POST", "/hook", Reply(200))
    assert post(f"{server.url}/hook", sleeps, secret=None).ok
    assert server.last("/hook").header("X-Nextseason-Signature") is None


def test_a_server_error_then_success_is_delivered_on_the_second_attempt_with_the_same_id(
    server: ReplayServer, sleeps: Sleeps
) -> None:
    server.add("POST", "/hook", [Reply.error(500), Reply(200)])
    result = post(f"{server.url}/hook", sleeps, backoff=1.0)
    assert result == Delivery(ok=True, attempts=2, status=200)
    first, second = server.find("POST", "/hook")
    assert delivery_ids([first, second]) == {CHANGE_ID}
    assert first.body == second.body
    assert first.header("X-Nextseason-Signature") == second.header("X-Nextseason-Signature")
    [wait] = sleeps.waits
    assert 1.0 <= wait <= 1.5  # the backoff, with jitter


def test_a_change_that_failed_is_delivered_once_on_a_later_check_with_the_same_id(
    server: ReplayServer, sleeps: Sleeps
) -> None:
    server.add("POST", "/hook", [Reply.error(502), Reply.error(502), Reply(200)])
    first_check = post(f"{server.url}/hook", sleeps, retries=1)
    assert not first_check.ok  # the caller keeps the change pending
    later_check = post(f"{server.url}/hook", sleeps, retries=1)
    assert later_check == Delivery(ok=True, attempts=1, status=200)
    assert server.count("POST", "/hook") == 3
    assert delivery_ids(server.requests) == {CHANGE_ID}  # the receiver can deduplicate


# -- retried, then given up ---------------------------------------------------------------


def test_a_receiver_that_is_down_is_a_failed_delivery_not_an_exception(sleeps: Sleeps) -> None:
    url = f"http://127.0.0.1:{_free_port()}/hook/T0/B0/SECRETPATH?token=s3cr3t"
    result = post(url, sleeps, retries=3, backoff=1.0)
    assert not result.ok
    assert result.attempts == 4
    assert result.status is None
    assert result.error is not None
    assert result.error.startswith("webhook 'http://127.0.0.1:")
    assert "cannot connect" in result.error and result.error.endswith("(4 attempts)")
    assert "\n" not in result.error
    assert "s3cr3t" not in result.error and "SECRETPATH" not in result.error
    # Exponential backoff with jitter, and no real sleeping.
    assert len(sleeps.waits) == 3
    for attempt, wait in enumerate(sleeps.waits):
        assert 2**attempt <= wait <= 1.5 * 2**attempt


def test_a_receiver_slower_than_the_timeout_is_a_failed_delivery(
    server: ReplayServer, sleeps: Sleeps
) -> None:
    server.add("POST", "/hook", Reply(200).delayed(5.0))
    result = post(f"{server.url}/hook", sleeps, timeout=0.2, retries=1)
    assert not result.ok
    assert result.error == f"webhook '{server.url}/...': no answer within 0.2 s (2 attempts)"
    assert server.count("POST", "/hook") == 2


def test_429_waits_as_long_as_retry_after_says(server: ReplayServer, sleeps: Sleeps) -> None:
    server.add("POST", "/hook", [Reply.rate_limited(7), Reply(202)])
    result = post(f"{server.url}/hook", sleeps)
    assert result == Delivery(ok=True, attempts=2, status=202)
    assert sleeps.waits == [7.0]


def test_a_retry_after_longer_than_a_minute_is_left_for_the_next_check(
    server: ReplayServer, sleeps: Sleeps
) -> None:
    """The receiver's wish is honoured: not hammered after a minute, not waited on for an
    hour; the change stays pending and a later check delivers it."""
    server.add("POST", "/hook", [Reply.rate_limited(3600), Reply(200)])
    result = post(f"{server.url}/hook", sleeps)
    assert not result.ok and result.status == 429 and result.attempts == 1
    assert sleeps.waits == []
    assert result.error is not None and "asked to wait 3600 s" in result.error
    assert result.error.endswith("left for the next check")
    assert post(f"{server.url}/hook", sleeps).ok


def test_rate_limited_until_retries_run_out(server: ReplayServer, sleeps: Sleeps) -> None:
    server.add("POST", "/hook", Reply.rate_limited(2))
    result = post(f"{server.url}/hook", sleeps, retries=2)
    assert result.ok is False and result.status == 429 and result.attempts == 3
    assert result.error is not None and result.error.endswith(": HTTP 429 (3 attempts)")
    assert sleeps.waits == [2.0, 2.0]


def test_a_400_is_refused_and_not_retried(server: ReplayServer, sleeps: Sleeps) -> None:
    server.add("POST", "/hook", Reply.error(400))
    result = post(f"{server.url}/hook", sleeps)
    assert result == Delivery(
        ok=False,
        attempts=1,
        status=400,
        error=f"webhook '{server.url}/...': refused with HTTP 400",
    )
    assert server.count("POST", "/hook") == 1
    assert sleeps.waits == []


def test_a_redirect_is_not_followed(server: ReplayServer, sleeps: Sleeps) -> None:
    server.add("POST", "/hook", Reply(301, (("Location", "/elsewhere"),)))
    result = post(f"{server.url}/hook", sleeps)
    assert not result.ok and result.status == 301 and result.attempts == 1
    assert server.count("POST", "/elsewhere") == 0


def test_a_transport_can_be_injected() -> None:
    seen: list[httpx.Request] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) == 1:
            raise httpx.ConnectTimeout("timed out", request=request)
        return httpx.Response(200)

    config = WebhookConfig("https://hooks.example.org/nextseason", secret=SECRET)
    sleeps = Sleeps()
    result = deliver(
        config,
        CHANGE,
        delivery_id=CHANGE_ID,
        transport=httpx.MockTransport(receiver),
        sleep=sleeps,
    )
    assert result == Delivery(ok=True, attempts=2, status=200)
    assert len(sleeps.waits) == 1
    assert all(verify(SECRET, r.content, r.headers["X-Nextseason-Signature"]) for r in seen)


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "what"),
    [
        ("hooks.example.org/nextseason?token=s3cr3t", "no scheme"),
        ("localhost:8080/hook?token=s3cr3t", "no scheme"),
        ("ftp://hooks.example.org/drop?token=s3cr3t", "the scheme is ftp:"),
        ("https://hooks.example.org/my hook?token=s3cr3t", "spaces"),
        ("http://", "no host"),
        ("https:///hook?token=s3cr3t", "no host"),
        ("https:hooks.example.org/hook", "must be followed by //"),
        ("http://hooks.example.org:port/hook?token=s3cr3t", "port is not valid"),
        ("", "empty"),
    ],
)
def test_a_malformed_url_is_refused_saying_why_without_its_secret(url: str, what: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_webhook_url(url)
    message = str(caught.value)
    assert message.startswith("malformed webhook URL")
    assert what in message
    assert "s3cr3t" not in message
    assert "\n" not in message
    with pytest.raises(UsageError):
        WebhookConfig(url)


def test_a_good_url_is_kept_as_given_less_surrounding_spaces() -> None:
    url = "https://hooks.example.org/nextseason?token=s3cr3t"
    assert parse_webhook_url(f"  {url}\n") == url
    assert parse_webhook_url("http://127.0.0.1:8080/") == "http://127.0.0.1:8080/"


def test_the_config_hides_its_secrets_and_refuses_bad_values() -> None:
    config = WebhookConfig("https://user:pw@hooks.example.org/T0/XYZ?token=abc", secret="k3y")
    shown = repr(config)
    assert "k3y" not in shown and "pw" not in shown and "XYZ" not in shown and "abc" not in shown
    with pytest.raises(UsageError, match="secret is empty"):
        WebhookConfig("https://hooks.example.org/", secret="")
    with pytest.raises(UsageError, match="timeout"):
        WebhookConfig("https://hooks.example.org/", timeout=0)
    with pytest.raises(UsageError, match="retries"):
        WebhookConfig("https://hooks.example.org/", retries=-1)


def test_a_delivery_id_that_cannot_be_a_header_is_a_programming_error() -> None:
    config = WebhookConfig("https://hooks.example.org/")
    with pytest.raises(ValueError, match="delivery id"):
        deliver(config, CHANGE, delivery_id="id\r\nX-Injected: 1")


# -- signatures ---------------------------------------------------------------------------


def test_signatures_are_hmac_sha256_of_the_exact_bytes() -> None:
    body = b'{"a":1}'
    expected = hmac.new(b"key", body, hashlib.sha256).hexdigest()
    assert sign("key", body) == f"sha256={expected}"
    assert verify("key", body, sign("key", body))
    assert not verify("key", b'{"a": 1}', sign("key", body))  # one space changes it
    assert not verify("key", body, "sha256=00")
    assert not verify("key", body, "sha256=ünïcode")
    assert not verify("key", body, "")
