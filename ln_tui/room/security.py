"""The room's guards: the join token, the phones' device cookies, CSRF tokens and rate limits.

All secrets come from `secrets`; all comparisons of secrets are constant-time.

A phone takes a slot only once it came back with the cookie its first page gave it: the cookie
is signed (`Devices.cookie`), so a first page costs the room nothing to remember, and requests
that never keep a cookie (a HEAD or GET flood) fill no slot. A phone that has not been seen for
`IDLE_SECONDS` gives its slot up (and is no longer counted as connected); what it sent stays
counted against its cookie. Limits per client address come on top of those per phone, since a new cookie costs an
attacker nothing: they leave room for a whole meeting behind one Wi-Fi router's NAT.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import deque
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

Clock = Callable[[], float]

TOKEN_BYTES = 16  # 128 bits
MAX_DEVICES = 200
SUBMISSIONS_PER_MINUTE = 30
VOTES_PER_MINUTE = 120  # a tap, not a text: counted apart, so that voting never blocks a question
IDLE_SECONDS = 20 * 60  # a phone unseen this long frees its slot (the live pages ask every 2-3 s)
# One address may be a whole meeting behind one router's NAT: 40 people sending three items in
# a minute, joining within a minute of the QR code being shown. A script on one address gets no
# further than that with new cookies.
ADDRESS_SUBMISSIONS_PER_MINUTE = 120
ADDRESS_VOTES_PER_MINUTE = 600
ADDRESS_JOINS_PER_MINUTE = 60
MAX_ADDRESSES = 4096  # addresses remembered at once (the oldest idle ones are forgotten)
# The facilitator's own machine (a second browser, `bench_room`) is limited per phone only.
UNLIMITED_ADDRESSES = frozenset({"127.0.0.1", "::1"})


def new_token() -> str:
    """A join token: 128 random bits as 32 upper-case hex digits (the QR code's compact alphanumeric mode)."""
    return secrets.token_hex(TOKEN_BYTES).upper()


def same_secret(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


class RateLimit:
    """At most `limit` events per `window` seconds (a sliding window over an injected clock)."""

    def __init__(self, limit: int, window: float, clock: Clock) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.times: deque[float] = deque()

    def _forget_old(self) -> None:
        now = self.clock()
        while self.times and self.times[0] <= now - self.window:
            self.times.popleft()

    def allow(self) -> bool:
        self._forget_old()
        if len(self.times) >= self.limit:
            return False
        self.times.append(self.clock())
        return True

    @property
    def idle(self) -> bool:
        self._forget_old()
        return not self.times


@dataclass
class Device:
    """One phone in the room, known by the random id in its cookie (for this opening only)."""

    id: str
    csrf: str
    voter: str  # the key its votes are kept under: says nothing about the phone to a reader of the file
    submissions: RateLimit
    votes: RateLimit
    seen: float = 0.0  # the clock at its last request


@dataclass
class Sent:
    """What one phone cookie sent since the room opened (memory only, for the console's counts)."""

    items: int = 0
    evaluations: set[int] = field(default_factory=set)  # meetings it sent a form for
    pulses: set[int] = field(default_factory=set)  # meetings it answered the safety pulse for


@dataclass
class Address:
    submissions: RateLimit
    votes: RateLimit
    joins: RateLimit

    @property
    def idle(self) -> bool:
        return self.submissions.idle and self.votes.idle and self.joins.idle


class Devices:
    """The phones that joined since the room opened; at most `limit` of them at once."""

    def __init__(
        self,
        clock: Clock,
        *,
        limit: int = MAX_DEVICES,
        submissions_per_minute: int = SUBMISSIONS_PER_MINUTE,
        idle_seconds: float = IDLE_SECONDS,
        unlimited_addresses: Collection[str] = UNLIMITED_ADDRESSES,
    ):
        self.clock = clock
        self.limit = limit
        self.submissions_per_minute = submissions_per_minute
        self.idle_seconds = idle_seconds
        self.unlimited_addresses = unlimited_addresses
        self.secret = secrets.token_bytes(32)
        self.known: dict[str, Device] = {}
        self.sent: dict[str, Sent] = {}  # by device id: kept when its slot is freed
        self.addresses: dict[str, Address] = {}

    def __len__(self) -> int:
        self._free_idle()
        return len(self.known)

    # -- cookies -------------------------------------------------------------------------------
    def _sign(self, purpose: bytes, device_id: str) -> str:
        return hmac.new(self.secret, purpose + device_id.encode(), hashlib.sha256).hexdigest()

    def cookie(self) -> tuple[str, str]:
        """A new phone's cookie and its id: nothing is kept until the phone comes back with it."""
        device_id = secrets.token_urlsafe(TOKEN_BYTES)
        return f"{device_id}.{self._sign(b'cookie:', device_id)}", device_id

    def verified(self, cookie: str | None) -> str | None:
        """The device id a cookie of this opening holds; None for any other cookie."""
        device_id, _dot, signature = (cookie or "").partition(".")
        if not device_id or not same_secret(signature, self._sign(b"cookie:", device_id)):
            return None
        return device_id

    def csrf(self, device_id: str) -> str:
        return self._sign(b"csrf:", device_id)

    def csrf_ok(self, device: Device, given: str) -> bool:
        return same_secret(given, device.csrf)

    # -- slots ------------------------------------------------------------------------------------
    def get(self, device_id: str | None) -> Device | None:
        device = self.known.get(device_id) if device_id else None
        if device is not None:
            device.seen = self.clock()
        return device

    def join(self, device_id: str | None = None) -> Device | None:
        """The phone with this (verified) id takes a slot; None when the room is full."""
        if len(self) >= self.limit:
            return None
        device_id = device_id or secrets.token_urlsafe(TOKEN_BYTES)
        device = Device(
            device_id,
            csrf=self.csrf(device_id),
            voter=self._sign(b"vote:", device_id)[:16],
            submissions=RateLimit(self.submissions_per_minute, 60.0, self.clock),
            votes=RateLimit(VOTES_PER_MINUTE, 60.0, self.clock),
            seen=self.clock(),
        )
        self.known[device_id] = device
        return device

    def _free_idle(self) -> None:
        """Phones unseen for `idle_seconds` are no longer counted; back with their cookie, they join again."""
        cutoff = self.clock() - self.idle_seconds
        for device_id in [key for key, device in self.known.items() if device.seen <= cutoff]:
            del self.known[device_id]

    # -- what phones sent ---------------------------------------------------------------------------
    def sent_by(self, device: Device) -> Sent:
        return self.sent.setdefault(device.id, Sent())

    def pulsed(self, device_id: str | None, meeting_id: int) -> bool:
        """Whether the phone with this cookie answered the safety pulse of the meeting."""
        return device_id in self.sent and meeting_id in self.sent[device_id].pulses

    def evaluated(self, device_id: str | None, meeting_id: int) -> bool:
        """Whether the phone with this cookie sent a form for the meeting (even from a slot it gave up)."""
        return device_id in self.sent and meeting_id in self.sent[device_id].evaluations

    # -- addresses -------------------------------------------------------------------------------------
    def address(self, remote: str | None) -> Address | None:
        """The limits of one client address; None for an address limited per phone only."""
        if remote is None or remote in self.unlimited_addresses:
            return None
        if remote not in self.addresses:
            if len(self.addresses) >= MAX_ADDRESSES:
                for key in [key for key, known in self.addresses.items() if known.idle]:
                    del self.addresses[key]
            self.addresses[remote] = Address(
                submissions=RateLimit(ADDRESS_SUBMISSIONS_PER_MINUTE, 60.0, self.clock),
                votes=RateLimit(ADDRESS_VOTES_PER_MINUTE, 60.0, self.clock),
                joins=RateLimit(ADDRESS_JOINS_PER_MINUTE, 60.0, self.clock),
            )
        return self.addresses[remote]
