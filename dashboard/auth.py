"""Optional login for a shared deployment, and the read-only viewer role.

Nothing configured (the default, served on 127.0.0.1 only): no login, everyone
may edit. For a newsroom network, set one or both password hashes:

    PARALLAX_EDITOR_PASSWORD_HASH   editors: read, upload, edit the grouping
    PARALLAX_VIEWER_PASSWORD_HASH   viewers: read only

made with ``python -m dashboard.auth`` (PBKDF2-SHA256, salted; the password
itself is stored nowhere). Or configure an OpenID Connect provider in
``.streamlit/secrets.toml`` (``[auth]``, see Streamlit's ``st.login``; needs
the Authlib package): people log in with it, and those listed in
``PARALLAX_EDITORS`` (comma-separated e-mail addresses) may edit, everyone
else views (all may edit when ``PARALLAX_EDITORS`` is not set).

Passwords are compared in constant time, and guessing is throttled server-wide: a few wrong
passwords a minute from one address (an IPv6 one's /64), and a cap over all addresses that does
not refuse one a password opened a role from today (:class:`LoginThrottle`). Behind a reverse proxy every
connection comes from the proxy: name it in ``PARALLAX_TRUSTED_PROXIES`` and the address it
forwards (X-Forwarded-For) is counted instead (:func:`client_address`); never by default.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import ipaddress
import os
import secrets
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Collection, Sequence

EDITOR, VIEWER = "editor", "viewer"
EDITOR_HASH_ENV = "PARALLAX_EDITOR_PASSWORD_HASH"
VIEWER_HASH_ENV = "PARALLAX_VIEWER_PASSWORD_HASH"
EDITORS_ENV = "PARALLAX_EDITORS"
TRUSTED_PROXIES_ENV = "PARALLAX_TRUSTED_PROXIES"
ITERATIONS = 240_000
SCHEME = "pbkdf2_sha256"


def hash_password(password: str, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return "$".join(
        [SCHEME, str(iterations), base64.b64encode(salt).decode(), base64.b64encode(digest).decode()]
    )


def verify_password(password: str, encoded: str) -> bool:
    """True when ``password`` matches ``encoded`` (a :func:`hash_password` string)."""
    try:
        scheme, iterations, salt, digest = encoded.strip().split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), base64.b64decode(salt), int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def password_hashes() -> dict[str, str]:
    """{role: hash} of the roles that have a password configured."""
    found = {EDITOR: os.environ.get(EDITOR_HASH_ENV, ""), VIEWER: os.environ.get(VIEWER_HASH_ENV, "")}
    return {role: value for role, value in found.items() if value.strip()}


def role_for_password(password: str) -> str | None:
    """The role a password opens (editor first), or None."""
    for role, encoded in password_hashes().items():
        if verify_password(password, encoded):
            return role
    return None


# Wrong passwords: at most MAX_FAILURES from one address (and GLOBAL_MAX_FAILURES from all,
# for an attacker with many) within FAILURE_WINDOW_S; past that a try is refused unchecked until
# the oldest failure ages out. A desk mistypes a few times; a guesser tried ~10 a second per
# core before, each one a PBKDF2 run on the shared server's two cores. The overall cap does not
# refuse an address a password opened a role from within KNOWN_FOR_S: an attacker with many
# addresses who reaches it would otherwise lock the whole desk out (40 guesses from one IPv6
# host's addresses refused the editor at another address for as long as they went on); such an
# address keeps its own cap.
MAX_FAILURES = 5
GLOBAL_MAX_FAILURES = 30
FAILURE_WINDOW_S = 60.0
KNOWN_FOR_S = 12 * 3600.0


class LoginThrottle:
    """Failed logins by client address, server-wide (one per server process: a new session,
    a reload or a second tab counts against the same address). Thread-safe: sessions run
    on their own threads."""

    def __init__(self, per_client: int = MAX_FAILURES, overall: int = GLOBAL_MAX_FAILURES,
                 window_s: float = FAILURE_WINDOW_S, clock: Callable[[], float] = time.monotonic,
                 known_for_s: float = KNOWN_FOR_S):
        self.per_client, self.overall, self.window_s, self.clock = per_client, overall, window_s, clock
        self.known_for_s = known_for_s
        self._failures: dict[str, deque[float]] = {}
        self._known: dict[str, float] = {}  # address -> when a password last opened a role from it
        self._lock = threading.Lock()

    def _recent(self, now: float) -> dict[str, deque[float]]:
        """The failures still inside the window (older ones and emptied clients dropped)."""
        for client in list(self._failures):
            times = self._failures[client]
            while times and times[0] <= now - self.window_s:
                times.popleft()
            if not times:
                del self._failures[client]
        return self._failures

    def _wait_locked(self, client: str, now: float) -> float:
        recent = self._recent(now)
        mine = recent.get(client, ())
        waits = [0.0]
        if len(mine) >= self.per_client:
            waits.append(mine[-self.per_client] + self.window_s - now)
        known = self._known.get(client)
        if known is not None and known > now - self.known_for_s:
            return max(waits)  # (its own cap only: see KNOWN_FOR_S)
        every = sorted(t for times in recent.values() for t in times)
        if len(every) >= self.overall:
            waits.append(every[-self.overall] + self.window_s - now)
        return max(waits)

    def wait_s(self, client: str) -> float:
        """Seconds before ``client`` may try a password again (0: now)."""
        with self._lock:
            return self._wait_locked(client, self.clock())

    def attempt(self, client: str) -> tuple[float, float | None]:
        """(seconds to wait, None) when ``client`` is over the limit; else (0, a stamp): the try
        is counted as a failure at once, in the same locked step as the check, so tries sent
        together from many sessions cannot all pass the check before any failure is recorded
        (each password check takes a PBKDF2 run); :meth:`succeeded` takes the stamp back."""
        with self._lock:
            now = self.clock()
            wait = self._wait_locked(client, now)
            if wait > 0:
                return wait, None
            self._failures.setdefault(client, deque()).append(now)
            return 0.0, now

    def failed(self, client: str) -> None:
        with self._lock:
            self._failures.setdefault(client, deque()).append(self.clock())

    def succeeded(self, client: str, stamp: float) -> None:
        """A try :meth:`attempt` counted opened a role: that one try is no failure. The client's
        other failures stay (a viewer's password must not clear the count of guesses at the
        editor's). The address is known from now on (:data:`KNOWN_FOR_S`)."""
        with self._lock:
            now = self.clock()
            self._known = {a: t for a, t in self._known.items() if t > now - self.known_for_s}
            self._known[client] = now
            times = self._failures.get(client)
            if times is not None and stamp in times:
                times.remove(stamp)
                if not times:
                    del self._failures[client]


THROTTLE = LoginThrottle()

# The throttle's name for a connection from this machine (Streamlit gives no address for it).
LOCAL = "local"


def _address(text: str) -> str | None:
    """``text`` as one canonical address (loopback as LOCAL; an IPv4 address written as IPv6,
    ::ffff:10.0.0.5, as a server listening on both gives it, as the IPv4 one), None when it is none."""
    try:
        found = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return LOCAL if text.strip().lower() in ("local", "localhost") else None
    if isinstance(found, ipaddress.IPv6Address) and found.ipv4_mapped is not None:
        found = found.ipv4_mapped
    return LOCAL if found.is_loopback else str(found)


def trusted_proxies() -> frozenset[str]:
    """The reverse proxies named in PARALLAX_TRUSTED_PROXIES (comma-separated addresses;
    ``127.0.0.1`` or ``local`` for one on this machine); none by default. Anything not an
    address is left out: it trusts nothing."""
    named = (_address(part) for part in os.environ.get(TRUSTED_PROXIES_ENV, "").split(",") if part.strip())
    return frozenset(a for a in named if a)


def client_address(peer: str | None, forwarded: Sequence[str] = (),
                   trusted: Collection[str] | None = None) -> str:
    """Whom the login throttle counts a try against. ``peer``: the connection's address
    (None: this machine, LOCAL). Only when the peer is a trusted proxy (``trusted``, default
    :func:`trusted_proxies`: none unless set) are ``forwarded``, the X-Forwarded-For headers'
    values in order, read: from the right, past the trusted proxies, the first address is the
    client's (what is left of it a client may have written itself). Not an address there: the
    try counts against the last trusted hop, as without the setting. An IPv6 client is counted
    by its /64 network: one host holds all of one, and would otherwise have a count per address."""
    trusted = trusted_proxies() if trusted is None else trusted
    client = _address(peer) if peer else LOCAL
    if client is None:
        return peer or LOCAL
    hops = [part for value in forwarded for part in value.split(",")]
    while client in trusted and hops:
        hop = _address(hops.pop())
        if hop is None:
            break
        client = hop
    return _counted_as(client)


def _counted_as(client: str) -> str:
    """``client`` (an address :func:`_address` made) as the throttle counts it: an IPv6 address
    as its /64 network, anything else as it is."""
    try:
        found = ipaddress.ip_address(client)
    except ValueError:
        return client
    if isinstance(found, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((found, 64), strict=False))
    return client


def login(password: str, client: str, throttle: LoginThrottle | None = None) -> tuple[str | None, float]:
    """(the role ``password`` opens or None, seconds to wait): a client over the throttle's
    limit (default: the server's, :data:`THROTTLE`) is told to wait, its password unchecked."""
    throttle = throttle or THROTTLE
    wait, stamp = throttle.attempt(client)
    if stamp is None:
        return None, wait
    role = role_for_password(password)
    if role is not None:
        throttle.succeeded(client, stamp)
    return role, 0.0


def role_for_email(email: str | None, verified: object = None) -> str:
    """The role of an OpenID login by its e-mail address. ``verified``: the provider's
    ``email_verified`` claim; an address it says it has not verified (a provider that lets
    anyone sign up and type an editor's address) opens no editor's role. None (a provider
    that sends no such claim) is taken as verified."""
    editors = [e.strip().lower() for e in os.environ.get(EDITORS_ENV, "").split(",") if e.strip()]
    if not editors:
        return EDITOR
    listed = (email or "").strip().lower() in editors
    return EDITOR if listed and _claim_holds(verified) else VIEWER


def _claim_holds(claim: object) -> bool:
    """A boolean claim as providers send it: true, or the strings "true" / "1" (some send
    ``"email_verified": "false"``, a string, which ``is not False``); absent (None) holds."""
    if claim is None or claim is True:
        return True
    return isinstance(claim, str) and claim.strip().lower() in ("true", "1")


# Addresses only this machine can reach: served there, the dashboard needs no login.
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def open_to_network(server_address: str | None) -> bool:
    """True when the server listens beyond this machine (``--server.address 0.0.0.0``, a LAN
    address, or none set, which Streamlit takes as every interface)."""
    return (server_address or "").strip().strip("[]") not in LOOPBACK


def main() -> int:
    """Print the hash of a password typed twice. Only the hash goes to stdout: the README
    reads it with ``export X="$(python -m dashboard.auth)"``, where a message on stdout
    would silently become the "hash"."""
    password = getpass.getpass("Password: ")
    if not password or password != getpass.getpass("Again: "):
        print("The two entries differ (or are empty): no hash made.", file=sys.stderr)
        return 1
    print(hash_password(password))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
