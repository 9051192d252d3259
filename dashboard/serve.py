"""Start the real dashboard (``streamlit run app.py``) on a free port, for browser tests and benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from data_paths import DB_ENV, REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")
# No network beyond localhost, no GPU, no background services: the browser must not phone home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a TCP socket listening on ``port`` (from /proc/net/tcp{,6})."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state = fields[1], fields[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(_decode_address(address))
    return found


def _decode_address(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words)


@contextmanager
def running_app(db: Path, timeout: float = 60.0, log: Path | None = None, address: str | None = "127.0.0.1"):
    """Yield the URL of a headless ``streamlit run app.py`` serving ``db``; stop it after.

    ``address=None`` passes no ``--server.address`` (the configured default applies).
    """
    port = free_port()
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        _streamlit_command(port, address),
        cwd=REPO_ROOT,
        env=_streamlit_env(db),
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(process, url, timeout)
        yield url
    finally:
        _stop_app(process, db)
        if log:
            out.close()


def _streamlit_env(db: Path) -> dict[str, str]:
    """The server's environment: ``db`` as its workspace, offline, no usage statistics."""
    return {
        **os.environ,
        DB_ENV: str(db),
        "HF_HUB_OFFLINE": "1",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }


def _streamlit_command(port: int, address: str | None) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(REPO_ROOT / "app.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        *(["--server.address", address] if address else []),
        "--browser.gatherUsageStats",
        "false",
    ]


def _wait_until_healthy(process: subprocess.Popen, url: str, timeout: float) -> None:
    """Return once the server at ``url`` answers its health check; raise if it exits or
    does not answer within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"streamlit did not answer on {url} within {timeout:.0f} s")
        time.sleep(0.3)


def _stop_app(process: subprocess.Popen, db: Path) -> None:
    """Stop the server (killed if it does not exit within 10 s), then its background worker."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    # The background worker the app started (it would exit on its own once it
    # sees the server gone; a test or benchmark does not wait for that).
    from dashboard.worker import stop_worker

    stop_worker(db)
