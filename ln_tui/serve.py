"""`ln-tui serve`: the console (or, with --present, the room's view) in a web browser.

Through `textual-serve` (pinned in pyproject.toml): each browser tab gets its own ln-tui
process. The page is ln-tui's own template (`serve_templates/`): textual-serve's default
links a web font from the internet; ours loads the font, xterm.js and its CSS from this
server only, and its start page shows the network's name (never the command line or the
file's path). The page has no login, so only loopback addresses are served unless
--public is given.

A second tab on the console finds the file in use: `SERVED_ENV` tells `ln-tui` it runs
in a browser, and it shows that in the page (see `ln_tui.cli.run_app`).
"""

from __future__ import annotations

import ipaddress
import os
import shlex
import socket
import sys
from pathlib import Path
from typing import Any

from ln_tui.i18n import _, get_language

TEMPLATES = Path(__file__).parent / "serve_templates"
SERVED_ENV = "LN_TUI_SERVED"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def port_problem(host: str, port: int) -> str | None:
    """Why the server cannot listen on host:port (in use, not an address here), or None."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        return _("{host} is not an address of this computer.").format(host=host)
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno in (98, 48):  # EADDRINUSE on Linux, macOS
                return _("port {port} is in use by another program; choose another with --port.").format(port=port)
            return _("cannot listen on {host}:{port}: {reason}").format(
                host=host, port=port, reason=error.strerror or error
            )
    return None


def network_name(path: Path) -> str:
    """The network's name for the page's title, read without a lock; "ln-tui" if there is none yet."""
    from ln_tui.present.follow import FileFollower

    snapshot = FileFollower(path).read() if path.exists() else None
    if snapshot is not None and snapshot.store is not None:
        return snapshot.store.profile().name or "ln-tui"
    return "ln-tui"


def app_command(path: Path, *, present: bool) -> str:
    """The command each browser tab runs: this Python, this ln-tui, this language."""
    parts = [sys.executable, "-m", "ln_tui", *(["present"] if present else []), str(path), "--lang", get_language()]
    return shlex.join(parts)


def font_size(text: str) -> int:
    return int(text) if text.isdigit() and 6 <= int(text) <= 64 else 16


def make_server(path: Path, *, host: str, port: int, present: bool) -> Any:
    """The textual-serve server for `path`, with ln-tui's page."""
    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.server import Server

    title = network_name(path)

    class LnServer(Server):
        async def on_startup(self, app: web.Application) -> None:
            self.console.print(
                _("ln-tui serves {name} on {url} (Ctrl+C stops it).").format(name=title, url=self.public_url),
                markup=False,
                highlight=False,
            )

        @aiohttp_jinja2.template("app_index.html")
        async def handle_index(self, request: web.Request) -> dict[str, Any]:
            # URLs from the address the browser used, so that a --public server works from
            # another computer (textual-serve builds them from its own host name).
            scheme = "wss" if request.secure else "ws"
            return {
                "font_size": font_size(request.query.get("fontsize", "")),
                "app_websocket_url": f"{scheme}://{request.host}/ws",
                "config": {"static": {"url": "/static/"}},
                "application": {"name": title},
                "language": get_language(),
                "text": {"start": _("Start"), "ended": _("This session has ended."), "restart": _("Start again")},
            }

    return LnServer(app_command(path, present=present), host=host, port=port, title=title, templates_path=TEMPLATES)


def serve(path: Path, *, host: str, port: int, present: bool, public: bool) -> int:
    """Serve until Ctrl+C; a clear message and status 2 when it cannot."""
    if not is_loopback(host) and not public:
        print(
            _(
                "ln-tui: {host} can be reached from other computers, and the page has no login. "
                "Add --public if you mean it, or keep 127.0.0.1 and use an SSH tunnel: "
                "ssh -L {port}:127.0.0.1:{port} this-computer"
            ).format(host=host, port=port),
            file=sys.stderr,
        )
        return 2
    if not 0 < port < 65536:
        print(_("ln-tui: the port must be between 1 and 65535."), file=sys.stderr)
        return 2
    problem = port_problem(host, port)
    if problem is not None:
        print(_("ln-tui: {message}").format(message=problem), file=sys.stderr)
        return 2
    if not is_loopback(host):
        print(
            _(
                "Warning: the page has no login. Anyone who can reach {host}:{port} can use ln-tui on "
                "this network file. Safer: keep 127.0.0.1 and use an SSH tunnel "
                "(ssh -L {port}:127.0.0.1:{port} this-computer)."
            ).format(host=host, port=port),
            file=sys.stderr,
        )
    os.environ[SERVED_ENV] = "1"  # the tabs' processes inherit it
    server = make_server(path, host=host, port=port, present=present)
    try:
        server.serve()
    except OSError as error:
        print(_("ln-tui: cannot serve: {reason}").format(reason=error.strerror or error), file=sys.stderr)
        return 2
    return 0
