"""The room's guards: the join token, the phones' device cookies, CSRF tokens and rate limits.

All secrets come from `secrets`; all comparisons of secrets are constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

Clock = Callable[[], float]

TOKEN_BYTES = 16  # 128 bits
MAX_DEVICES = 200
SUBMISSIONS_PER_MINUTE = 30
VOTES_PER_MINUTE = 120  # a tap, not a text: counted apart, so that voting never blocks a question


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

    def allow(self) -> bool:
        now = self.clock()
        while self.times and self.times[0] <= now - self.window:
            self.times.popleft()
        if len(self.times) >= self.limit:
            return False
        self.times.append(now)
        return True


@dataclass
class Device:
    """One phone in the room, known by the random id in its cookie (for this opening only)."""

    id: str
    csrf: str
    voter: str  # the key its votes are kept under: says nothing about the phone to a reader of the file
    submissions: RateLimit
    votes: RateLimit
    evaluated: set[int] = field(default_factory=set)  # meetings it sent a form for (memory only)
    pulsed: set[int] = field(default_factory=set)  # meetings it answered the safety pulse for (memory only)


class Devices:
    """The phones that joined since the room opened; at most `limit` of them."""

    def __init__(self, clock: Clock, *, limit: int = MAX_DEVICES, submissions_per_minute: int = SUBMISSIONS_PER_MINUTE):
        self.clock = clock
        self.limit = limit
        self.submissions_per_minute = submissions_per_minute
        self.secret = secrets.token_bytes(32)
        self.known: dict[str, Device] = {}

    def __len__(self) -> int:
        return len(self.known)

    def get(self, device_id: str | None) -> Device | None:
        return self.known.get(device_id) if device_id else None

    def join(self) -> Device | None:
        """A new phone, or None when the room is full."""
        if len(self.known) >= self.limit:
            return None
        device_id = secrets.token_urlsafe(TOKEN_BYTES)
        device = Device(
            device_id,
            csrf=hmac.new(self.secret, b"csrf:" + device_id.encode(), hashlib.sha256).hexdigest(),
            voter=hmac.new(self.secret, b"vote:" + device_id.encode(), hashlib.sha256).hexdigest()[:16],
            submissions=RateLimit(self.submissions_per_minute, 60.0, self.clock),
            votes=RateLimit(VOTES_PER_MINUTE, 60.0, self.clock),
        )
        self.known[device_id] = device
        return device

    def csrf_ok(self, device: Device, given: str) -> bool:
        return same_secret(given, device.csrf)
