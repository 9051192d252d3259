"""Whom the login throttle counts a try against behind a reverse proxy
(dashboard.auth.client_address): X-Forwarded-For is read only from a proxy named in
PARALLAX_TRUSTED_PROXIES, and only the hops that proxy (and the trusted ones before it) added."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from dashboard import auth, panels

PROXY = "10.0.0.5"


def test_no_setting_no_header_read(monkeypatch) -> None:
    monkeypatch.delenv(auth.TRUSTED_PROXIES_ENV, raising=False)
    assert auth.trusted_proxies() == frozenset()
    assert auth.client_address(PROXY, ["203.0.113.7"]) == PROXY
    assert auth.client_address(None, ["203.0.113.7"]) == auth.LOCAL  # a proxy on this machine


def test_a_trusted_proxy_s_forwarded_address_is_counted(monkeypatch) -> None:
    monkeypatch.setenv(auth.TRUSTED_PROXIES_ENV, f" {PROXY}, 127.0.0.1 , not-an-address")
    assert auth.trusted_proxies() == {PROXY, auth.LOCAL}
    assert auth.client_address(PROXY, ["203.0.113.7"]) == "203.0.113.7"
    assert auth.client_address(None, ["2001:db8::0:1"]) == "2001:db8::/64"  # an IPv6 host: its /64
    assert auth.client_address(None, ["::ffff:203.0.113.7"]) == "203.0.113.7"  # IPv4 written as IPv6
    # The proxy's address as a server listening on IPv4 and IPv6 gives it: still the proxy.
    assert auth.client_address(f"::ffff:{PROXY}", ["203.0.113.7"]) == "203.0.113.7"
    # What a client wrote itself stands left of what the proxy added: never read.
    assert auth.client_address(PROXY, ["1.2.3.4, 203.0.113.7"]) == "203.0.113.7"
    assert auth.client_address(PROXY, ["1.2.3.4", "203.0.113.7"]) == "203.0.113.7"  # two headers
    # A chain of trusted proxies (one on this machine before PROXY): past both.
    assert auth.client_address(None, ["203.0.113.7, 10.0.0.5"]) == "203.0.113.7"
    # Another peer (a connection not through the proxy): its own address, headers unread.
    assert auth.client_address("198.51.100.9", ["203.0.113.7"]) == "198.51.100.9"
    # No header, or not an address where the proxy's hop should be: the proxy, as before.
    assert auth.client_address(PROXY, []) == PROXY
    assert auth.client_address(PROXY, ["203.0.113.7, garbage"]) == PROXY


_ips = hs.one_of(hs.ip_addresses(v=4), hs.ip_addresses(v=6)).map(str)
_junk = hs.one_of(_ips, hs.text(alphabet=hs.characters(exclude_characters=","), max_size=20))


def _host(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """Whom the throttle counts an address as: an IPv6 host by its /64 (one host holds all of one)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


@settings(max_examples=300, deadline=None)
@given(forged=hs.lists(_junk, max_size=4), real=_ips, peer=hs.one_of(hs.none(), _ips),
       trust=hs.booleans())
def test_what_a_client_writes_before_the_proxy_s_hop_never_changes_whom_it_counts_as(
    forged: list[str], real: str, peer: str | None, trust: bool
) -> None:
    """Any header a client sends ahead of the proxy's own hop: the address counted is the
    proxy's hop when the peer is trusted, else the peer's, never a forged one."""
    trusted = {PROXY} if trust else set()
    peer_or_proxy = PROXY if trust else peer
    counted = auth.client_address(peer_or_proxy, [", ".join([*forged, real])], trusted)
    real_address = ipaddress.ip_address(real)
    if trust and str(real_address) not in trusted:
        assert counted == (auth.LOCAL if real_address.is_loopback else _host(real_address))
    elif not trust:
        assert counted == auth.client_address(peer, [], set())


class _Headers:
    def __init__(self, values: list[str]):
        self.values, self.read = values, False

    def get_all(self, key: str) -> list[str]:
        assert key.lower() == "x-forwarded-for"
        self.read = True
        return self.values


@pytest.mark.parametrize("setting", [None, PROXY])
def test_the_login_form_counts_the_address_the_setting_allows(monkeypatch, setting) -> None:
    """The page's one caller (panels._client_address): the headers are not even read unless
    a trusted proxy is named."""
    headers = _Headers(["203.0.113.7"])
    context = type("Context", (), {"ip_address": PROXY, "headers": headers})()
    monkeypatch.setattr(panels.st, "context", context)
    if setting:
        monkeypatch.setenv(auth.TRUSTED_PROXIES_ENV, setting)
    else:
        monkeypatch.delenv(auth.TRUSTED_PROXIES_ENV, raising=False)
    assert panels._client_address() == ("203.0.113.7" if setting else PROXY)
    assert headers.read is bool(setting)
