"""The room's join link and what its QR code holds (no server here: the audience's screen uses it too)."""

from __future__ import annotations

import contextlib
import os
import socket
import stat
from pathlib import Path

from ln_tui.portable import NOFOLLOW


# -- addresses (here, not in server.py: the console needs no web server to know them) --------------------------------------------------------------------------------------
def default_host() -> str:
    """This machine's address on its default route (a UDP socket is pointed at a documentation
    address: no packet is sent); loopback when there is no network."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def parse_address(text: str) -> tuple[str | None, int]:
    """`[HOST:]PORT` (an IPv6 host in brackets) as (host or None, port); ValueError if it is none."""
    host: str | None = None
    port_text = text.strip()
    if port_text.startswith("["):
        host, _sep, port_text = port_text[1:].partition("]:")
    elif ":" in port_text:
        host, _sep, port_text = port_text.rpartition(":")
    if not port_text.isdigit() or not 0 <= int(port_text) <= 65535 or host == "":  # 0: any free port
        raise ValueError(text)
    return host, int(port_text)


def join_url(host: str, port: int, token: str) -> str:
    shown_host = f"[{host}]" if ":" in host else host
    return f"http://{shown_host}:{port}/r/{token.lower()}"


def qr_text(url: str) -> str:
    """What the QR code holds: the join URL in capitals (scheme, host and token are read
    case-blind), so that it fits QR's compact alphanumeric mode: a smaller code."""
    return url.upper()


# While the room is open, its join URL (the token in it) is kept in a file of its own beside the
# network, private to the user, for `ln-tui present` (another process) to show as a QR code: never
# in the network file, and so never in its backups and kept states. Removed when the room closes,
# and when a console starts (one that crashed with its room open left it).
JOIN_URL_SUFFIX = ".room-link"
MAX_URL_BYTES = 1024


def join_url_file(network: Path) -> Path:
    real = Path(network).resolve()
    return real.with_name(real.name + JOIN_URL_SUFFIX)


def publish_join_url(network: Path, url: str) -> None:
    """Keep the join URL beside the network (mode 0600; OSError when it cannot be written)."""
    from ln_tui.store.files import write_atomic

    write_atomic(join_url_file(network), url.encode(), durable=False)


def forget_join_url_file(network: Path) -> None:
    with contextlib.suppress(OSError):
        join_url_file(network).unlink(missing_ok=True)


def read_join_url(network: Path) -> str:
    """The join URL of the room open on this network, or "" (none, or not a small regular file)."""
    path = join_url_file(network)
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return ""
        fd = os.open(path, os.O_RDONLY | NOFOLLOW | getattr(os, "O_NONBLOCK", 0))  # a FIFO never blocks
    except OSError:
        return ""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return ""
        text = os.read(fd, MAX_URL_BYTES + 1)
    except OSError:
        return ""
    finally:
        os.close(fd)
    if len(text) > MAX_URL_BYTES:
        return ""
    url = text.decode("ascii", "replace").strip()
    return url if url.lower().startswith("http://") and url.isprintable() else ""
