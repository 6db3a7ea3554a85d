"""One retry policy for the live sources and the webhook: what is retried, how long it waits,
and when it stops."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from nextseason.retry import RetryPolicy, asked_wait, retry_after, retrying


@dataclass(frozen=True)
class Failed:
    message: str = "Somewhere: HTTP 503"
    retry: bool = True
    wait: float | None = None


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after("7") == 7.0
    assert retry_after(" 0 ") == 0.0
    assert retry_after("-3") == 0.0
    now = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert retry_after(later, now=now.timestamp) == pytest.approx(90.0)
    for unreadable in (None, "", "soon", "nan", "inf", "Wed, 99 Foo 2026 00:00:00 GMT"):
        assert retry_after(unreadable) is None


def test_only_429_and_503_carry_a_wait() -> None:
    assert asked_wait(429, {"Retry-After": "5"}) == 5.0
    assert asked_wait(503, {"Retry-After": "5"}) == 5.0
    assert asked_wait(500, {"Retry-After": "5"}) is None


def test_backoff_doubles_with_jitter_and_is_capped() -> None:
    policy = RetryPolicy(retries=10, backoff=1.0, max_backoff=6.0)
    rng = random.Random(1)
    waits = [policy.delay(n, None, rng) for n in range(1, 6)]
    for n, wait in enumerate(waits[:3]):
        assert 2**n <= wait <= 1.5 * 2**n
    assert waits[3:] == [6.0, 6.0]
    assert policy.delay(1, 12.5) == 12.5  # what the server asked for, no jitter


def test_the_loop_retries_until_done_and_logs_each_retry(caplog: pytest.LogCaptureFixture) -> None:
    outcomes = [Failed(), Failed(wait=2.0), "answer"]
    slept: list[float] = []
    with caplog.at_level(logging.INFO, logger="nextseason.retry"):
        result, attempts = retrying(
            RetryPolicy(retries=3, backoff=0.5),
            lambda n: outcomes[n - 1],
            lambda o: o if isinstance(o, Failed) else None,
            sleep=slept.append,
            rng=random.Random(0),
        )
    assert (result, attempts) == ("answer", 3)
    assert 0.5 <= slept[0] <= 0.75 and slept[1] == 2.0
    assert [r.getMessage() for r in caplog.records][1] == "Somewhere: HTTP 503; retrying in 2.0 s"


@pytest.mark.parametrize(
    ("failure", "attempts"),
    [
        (Failed(retry=False), 1),  # a refusal is not retried
        (Failed(wait=3600.0), 1),  # longer than max_wait: stop, do not sleep an hour
        (Failed(), 3),  # retries run out
    ],
)
def test_the_loop_stops(failure: Failed, attempts: int) -> None:
    slept: list[float] = []
    result, made = retrying(
        RetryPolicy(retries=2, backoff=0.0, max_wait=60.0),
        lambda _n: failure,
        lambda o: o,
        sleep=slept.append,
    )
    assert result is failure and made == attempts
    assert len(slept) == attempts - 1
