"""Two checks never run at once, and a check that died never blocks the next: the lock's
holder (host and process) is checked for life, a dead holder's lock is taken over at once,
and "another check is running" has its own exit code, so cron can tell "no changes" (0) from
"did not run" (75).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from nextseason.catalog import Catalog
from nextseason.catalog import watchlist as store
from nextseason.catalog.schema import run_locks
from nextseason.cli import main
from nextseason.sources.base import now_utc
from tests.conftest import make_show

BUSY = 75  # EX_TEMPFAIL: try again later


def run(*args: str) -> int:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    code = info.value.code
    return code if isinstance(code, int) else 0


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("NEXTSEASON_TODAY", "2026-11-27")
    path = tmp_path / "c.sqlite"
    with Catalog.open(f"sqlite:///{path}", seed=False) as catalog:
        catalog.store([make_show("Dark", key="2", status="Ended", seasons=3)])
    assert run("watch", "add", "Dark", "--db", str(path)) == 0
    yield str(path)


def _holder_process(db: str) -> subprocess.Popen[str]:
    """Another process that takes the check lock the way `check` does, then waits."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from datetime import timedelta
        from nextseason.catalog import Catalog
        from nextseason.catalog import watchlist as store
        from nextseason.sources.base import now_utc
        from nextseason.watch.check import holder_alive
        with Catalog.open({f"sqlite:///{db}"!r}) as catalog, catalog.transaction() as conn:
            held = store.acquire_lock(
                conn, "check", holder=store.holder_name(), now=now_utc(),
                lease=timedelta(hours=1), dead=lambda h: holder_alive(h) is False,
            )
        print("held" if held is None else "busy", flush=True)
        time.sleep(60)
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "held"
    return child


def test_a_running_check_makes_the_next_exit_75(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    child = _holder_process(db)
    try:
        assert run("check", "--no-refresh", "--db", db) == BUSY
        err = capsys.readouterr().err
        assert "another check is running" in err and f"pid {child.pid}" in err
    finally:
        child.kill()
        child.wait()
        assert child.stdout is not None
        child.stdout.close()


def test_a_check_killed_with_kill_9_does_not_block_the_next(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    child = _holder_process(db)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.stdout is not None
    child.stdout.close()
    assert run("check", "--no-refresh", "--db", db) == 0
    err = capsys.readouterr().err
    assert "checked 1 show" in err
    assert "another check" not in err
    with Catalog.open(f"sqlite:///{db}") as catalog, catalog.connect() as conn:
        # The dead holder's lock was taken over and released at the end: nothing is held.
        assert store.lock_holder(conn, "check") is None


def test_a_pid_reused_by_another_process_is_not_taken_for_the_holder(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # The lock names this very process but a different start: the pid was reused, so the
    # check that took the lock is gone.
    stale = f"{socket.gethostname()}:{os.getpid()}:1"
    with Catalog.open(f"sqlite:///{db}") as catalog, catalog.transaction() as conn:
        store.acquire_lock(conn, "check", holder=stale, now=now_utc(), lease=timedelta(hours=1))
    assert run("check", "--no-refresh", "--db", db) == 0
    assert "checked 1 show" in capsys.readouterr().err


def test_a_holder_on_another_machine_is_trusted_until_its_lease_runs_out(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Its process cannot be seen from here (a shared PostgreSQL catalog): the lease decides.
    with Catalog.open(f"sqlite:///{db}") as catalog, catalog.transaction() as conn:
        store.acquire_lock(
            conn, "check", holder="elsewhere:4242", now=now_utc(), lease=timedelta(hours=1)
        )
    assert run("check", "--no-refresh", "--db", db) == BUSY
    assert "on elsewhere" in capsys.readouterr().err
    with Catalog.open(f"sqlite:///{db}") as catalog, catalog.transaction() as conn:
        conn.execute(run_locks.update().values(expires_at=now_utc() - timedelta(seconds=1)))
    assert run("check", "--no-refresh", "--db", db) == 0
