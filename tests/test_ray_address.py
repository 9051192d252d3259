"""A bad Ray address fails in one line, within --connect-timeout, before the store is opened.

No Ray cluster is started here: the addresses are malformed, closed local ports, or a local
socket that accepts connections and never replies (a subprocess, with a short timeout).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engines.ray_address import RayConnectError, address_problem, probe, split_host_port

ROOT = Path(__file__).resolve().parents[1]
AJ = ROOT / "seeds" / "000_299cce44e7b57b22.txt"


def _closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("address", [None, "auto", "local", "127.0.0.1:6379", "head-node.example:6379",
                                     "[::1]:6379", "ray://10.0.0.5:10001", "ray://head:10001"])
def test_addresses_ray_takes(address):
    assert address_problem(address) is None


@pytest.mark.parametrize("address", ["nonsense::", "127.0.0.1", "host:", ":6379", "host:0", "host:70000",
                                     "host:abc", "::1:6379", "ray://", "ray://host", "http://host:1",
                                     "a b:1", "ray://ray://h:1"])
def test_malformed_addresses_are_named(address):
    problem = address_problem(address)
    assert problem is not None and "host:port" in problem and "\n" not in problem


def test_split_host_port():
    assert split_host_port("h:1") == ("h", 1)
    assert split_host_port("[::1]:6379") == ("::1", 6379)
    assert split_host_port("h:65536") is None


def test_local_needs_no_probe(monkeypatch):
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    assert probe(None, 0.1) is None and probe("local", 0.1) == "local"


@pytest.mark.parametrize("scheme", ["", "ray://"])
def test_a_closed_port_fails_at_once_in_one_line(scheme, monkeypatch):
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    address = f"{scheme}127.0.0.1:{_closed_port()}"
    clock = time.monotonic()
    with pytest.raises(RayConnectError) as caught:
        probe(address, 30)
    assert time.monotonic() - clock < 5  # refused: no waiting for the 30 s
    message = str(caught.value)
    assert message.startswith(f"cannot reach Ray at {address} within 30 s: connection refused")
    assert "ray start --head" in message and "\n" not in message


def test_a_malformed_ray_address_variable_is_named(monkeypatch):
    monkeypatch.setenv("RAY_ADDRESS", "nonsense::")
    with pytest.raises(RayConnectError, match="^RAY_ADDRESS nonsense::: not a Ray address"):
        probe("auto", 1)


def test_a_silent_port_is_given_up_on_within_the_timeout(tmp_path):
    """Something accepts the connection but never speaks Ray: ray.init would retry for minutes."""
    pytest.importorskip("ray")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        address = f"127.0.0.1:{listener.getsockname()[1]}"
        code = ("from engines.ray_address import probe, RayConnectError\n"
                f"try:\n    probe({address!r}, 2)\nexcept RayConnectError as exc:\n    print(exc)\n")
        clock = time.monotonic()
        out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                             timeout=60, env=_env())
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"cannot reach Ray at {address} within 2 s: the port answers"), out.stdout
    assert time.monotonic() - clock < 40  # Ray's import included; ray.init alone would take minutes


def _env() -> dict:
    import os

    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
            "RAY_USAGE_STATS_ENABLED": "0"}


# ---- the CLI --------------------------------------------------------------------------------


def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


def test_cli_refuses_a_malformed_address_before_any_work(tmp_path, capsys):
    from clustering.__main__ import main

    db, out = tmp_path / "w.db", tmp_path / "out"
    assert main([str(AJ), "--out", str(out), "--db", str(db), "--engine", "ray", "--address", "nonsense::"]) == 2
    assert "--address nonsense::: not a Ray address" in _one_line(capsys)
    assert not db.exists() and not out.exists()


def test_cli_unreachable_cluster_is_one_line_and_leaves_no_store(tmp_path, capsys, monkeypatch):
    pytest.importorskip("ray")
    from clustering.__main__ import main

    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    db, out = tmp_path / "w.db", tmp_path / "out"
    address = f"127.0.0.1:{_closed_port()}"
    code = main([str(AJ), "--out", str(out), "--db", str(db), "--engine", "ray", "--address", address,
                 "--connect-timeout", "5"])
    assert code == 1
    assert _one_line(capsys).startswith(f"clustering: cannot reach Ray at {address} within 5 s: connection refused")
    assert not db.exists() and not out.exists()


@pytest.mark.parametrize("argv, words", [
    (["--connect-timeout", "5"], "need --engine ray"),
    (["--engine", "ray", "--connect-timeout", "0"], "more than 0"),
])
def test_cli_connect_timeout_usage(argv, words, capsys):
    from clustering.__main__ import parse_args

    with pytest.raises(SystemExit):
        parse_args([str(AJ), "--out", "x", *argv])
    assert words in capsys.readouterr().err


def test_ctrl_c_is_one_line_and_exit_130(tmp_path, capsys, monkeypatch):
    import engines
    from clustering.__main__ import main

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(engines, "get_engine", interrupted)
    assert main([str(AJ), "--out", str(tmp_path / "o"), "--db", str(tmp_path / "w.db"), "--model", "lexical"]) == 130
    assert _one_line(capsys) == "clustering: interrupted\n"
