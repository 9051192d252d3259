"""A Ray address, checked before Ray is imported, and probed before ``ray.init`` is called.

``ray.init`` on an address where nothing answers retries for minutes (a cluster's GCS
port) or gives up after about 30 s with a traceback (Ray Client, ``ray://``); a
malformed address ends in a traceback too. Here:

* :func:`address_problem` says in one line what is wrong with an address's form
  (``auto``, ``local``, ``host:port`` or ``ray://host:port``); nothing is imported;
* :func:`probe` opens a plain TCP connection to the port ``ray.init`` will use, with a
  time limit, then (for a GCS port) asks the GCS for its cluster id within what is left of
  it, and raises :class:`RayConnectError` (one line, no traceback) when either fails;
  ``auto`` is resolved as Ray resolves it (``RAY_ADDRESS``, else the cluster last
  started on this machine with ``ray start``). A Ray Client port (``ray://``) gets the TCP
  probe only: ``ray.init`` gives up on it by itself after about 30 s.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time

# The CLI's --connect-timeout default (seconds).
CONNECT_TIMEOUT = 30.0
CLIENT_SCHEME = "ray://"
_HOST_PORT = re.compile(r"^(?:\[(?P<ipv6>[0-9A-Fa-f:.]+)\]|(?P<host>[A-Za-z0-9._-]+)):(?P<port>[0-9]{1,5})$")
FORMS = "'auto', 'local', host:port or ray://host:port"


class RayConnectError(ConnectionError):
    """No Ray to be reached at the address (or none found for ``auto``, or a malformed
    ``RAY_ADDRESS``); the message is one line, for the user."""


def split_host_port(text: str) -> tuple[str, int] | None:
    """``(host, port)`` of ``host:port`` / ``[ipv6]:port`` with a port in 1..65535, else None."""
    match = _HOST_PORT.match(text)
    if match is None or not 0 < int(match["port"]) < 65536:
        return None
    return match["ipv6"] or match["host"], int(match["port"])


def address_problem(address: str | None) -> str | None:
    """Why ``address`` is not a Ray address this engine takes; None when it is (None = a local Ray)."""
    if address is None or address in ("auto", "local"):
        return None
    inner = address[len(CLIENT_SCHEME):] if address.startswith(CLIENT_SCHEME) else address
    if "://" in inner:
        return f"not a Ray address (only ray:// is a known scheme); give {FORMS}"
    if split_host_port(inner) is None:
        return f"not a Ray address; give {FORMS} (port 1-65535)"
    return None


def effective_address(address: str | None) -> str | None:
    """The address ``ray.init(address=...)`` will use: ``RAY_ADDRESS`` replaces None and
    ``auto`` there, as it does in Ray (the engine passes ``local`` for None, so only ``auto``
    reaches this in practice)."""
    env = os.environ.get("RAY_ADDRESS")
    return env if env and address in (None, "auto") else address


def resolve_auto() -> str:
    """The GCS address ``auto`` stands for (host:port), found as Ray finds it; RayConnectError if none."""
    from ray._private import services

    try:
        return services.canonicalize_bootstrap_address_or_die("auto")
    except ConnectionError as exc:
        if "multiple" in str(exc):
            raise RayConnectError("--address auto: several Ray instances run on this machine; "
                                 "give the one to use as host:port") from None
        raise RayConnectError("--address auto: no running Ray found on this machine "
                             "(start one with `ray start --head`, or give its host:port)") from None


def probe(address: str | None, timeout: float = CONNECT_TIMEOUT) -> str | None:
    """Check that something accepts a TCP connection where ``address`` points, waiting at most
    ``timeout`` seconds (a refused connection fails at once). Returns the address to pass to
    ``ray.init`` (``auto`` resolved to host:port; None and ``local`` unchanged, not probed).
    Raises :class:`RayConnectError`."""
    given = address
    address = effective_address(address)
    if address is None or address == "local":
        return address
    if (problem := address_problem(address)) is not None:
        source = "RAY_ADDRESS" if address != given else "--address"
        raise RayConnectError(f"{source} {address}: {problem}")
    if address == "auto":
        address = resolve_auto()
    client = address.startswith(CLIENT_SCHEME)
    host, port = split_host_port(address[len(CLIENT_SCHEME):] if client else address)
    started = time.monotonic()
    why = port_problem(host, port, timeout)
    if why is None and not client:  # the port answers: is it a Ray GCS that replies?
        why = gcs_problem(address, max(timeout - (time.monotonic() - started), 1.0))
    if why is not None:
        hint = ("is the Ray Client server running there? `ray start --head` serves it on port 10001"
                if client else "is `ray start --head` running there?")
        raise RayConnectError(f"cannot reach Ray at {address} within {timeout:g} s: {why} ({hint})")
    return address


def port_problem(host: str, port: int, timeout: float) -> str | None:
    """None when a TCP connection to ``host:port`` opens within ``timeout`` seconds; else why
    not: refused at once when nothing listens there, no answer within ``timeout``, an unknown host."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return None
    except socket.gaierror:
        return f"unknown host {host!r}"
    except ConnectionRefusedError:
        return "connection refused, nothing listens on that port"
    except TimeoutError:
        return "no answer"
    except OSError as exc:
        return exc.strerror or str(exc)


def gcs_problem(address: str, timeout: float) -> str | None:
    """None when the GCS at ``address`` (host:port) tells its cluster id within ``timeout``
    seconds; else why not. ``ray.init`` would retry for minutes a port that answers but not as
    a Ray GCS (another service, a cluster that wants a token); the question is asked from a
    daemon thread, which is left behind (blocked in Ray's client) when it does not return."""
    from ray._raylet import GcsClient

    outcome: dict = {}

    def ask() -> None:
        try:
            outcome["id"] = GcsClient(address=address, cluster_id=None).cluster_id
        except Exception as exc:  # noqa: BLE001 - reported as one line
            outcome["error"] = exc

    thread = threading.Thread(target=ask, name="ray-gcs-probe", daemon=True)
    thread.start()
    thread.join(timeout)
    if "id" in outcome:
        return None
    if "error" in outcome:
        first = (str(outcome["error"]).strip().splitlines() or [type(outcome["error"]).__name__])[0]
        return f"the port answers but not as a Ray GCS ({first})"
    return "the port answers but no Ray GCS replied in time"
