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
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import os
import secrets
import sys

EDITOR, VIEWER = "editor", "viewer"
EDITOR_HASH_ENV = "PARALLAX_EDITOR_PASSWORD_HASH"
VIEWER_HASH_ENV = "PARALLAX_VIEWER_PASSWORD_HASH"
EDITORS_ENV = "PARALLAX_EDITORS"
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


def role_for_email(email: str | None) -> str:
    editors = [e.strip().lower() for e in os.environ.get(EDITORS_ENV, "").split(",") if e.strip()]
    if not editors:
        return EDITOR
    return EDITOR if (email or "").strip().lower() in editors else VIEWER


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
