"""The room's join link and what its QR code holds (no server here: the audience's screen uses it too)."""

from __future__ import annotations


def join_url(host: str, port: int, token: str) -> str:
    shown_host = f"[{host}]" if ":" in host else host
    return f"http://{shown_host}:{port}/r/{token.lower()}"


def qr_text(url: str) -> str:
    """What the QR code holds: the join URL in capitals (scheme, host and token are read
    case-blind), so that it fits QR's compact alphanumeric mode: a smaller code."""
    return url.upper()
