"""`ln-tui serve`: the console (or, with --present, the room's view) in a web browser.

Through `textual-serve` (pinned in pyproject.toml): each browser tab gets its own ln-tui
process. The page is ln-tui's own template (`serve_templates/`): textual-serve's default
links a web font from the internet; ours loads the font, xterm.js and its CSS from this
server only, and its start page shows the network's name (never the command line or the
file's path). The page has no login, so only loopback addresses are served unless
--public is given.

textual-serve checks neither the WebSocket's Origin nor the Host, and lists /static/: any web page
the facilitator visits could drive the console. So its handlers run behind an application of ours
(`LnServer.application`): every path starts with a 128-bit secret made new at each start (404
without it), a Host that is not the address we listen on gets 421 (DNS rebinding), the WebSocket
only from the page's own origin, at most `--tabs` tabs (each an ln-tui process) at once, strict
headers on every answer (CSP, frame-ancestors 'none', nosniff, no-referrer), no directory listing.
`tests/test_serve.py` pins the textual-serve behaviour this relies on.

Every tab is a seat (issue 25): its own ln-tui process on the file, like a second ln-tui in a
terminal, so that a note-taker works in the browser of their own laptop while the facilitator
projects. `SERVED_ENV` tells `ln-tui` it runs in a browser tab: the tab names its seat in its header,
asks who is at it when other seats are on the file (the serving computer's settings do not name
it), and says in the page when the file cannot be opened (see `ln_tui.cli.run_app`). `--tabs` caps the
seats (processes) this server runs at once, so that a forgotten tab or a reload loop cannot exhaust
the machine.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import shlex
import socket
import sys
import webbrowser
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yarl import URL

from ln_tui.i18n import Nn_, _, get_language, translations

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


SECRET_BYTES = 16  # 128 bits, made new at each start
# The facilitator, the timekeeper, the note-taker and the room's view, and two tabs being reloaded
# (a reloaded tab's process ends a moment after its new one starts).
DEFAULT_TABS = 6
MAX_TABS = 20
REFUSED_TAB = 4429  # the WebSocket close code of a tab over the cap (4000-4999: the application's own)


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def url_host(host: str) -> str:
    """`host` as it is written in a URL (an IPv6 address in brackets)."""
    return f"[{host}]" if ":" in host else host


def is_wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@dataclass
class Guard:
    """What a request must show to be answered: the secret path, a Host that is the address `serve`
    listens on (DNS rebinding refused), for the WebSocket the page's own origin; and how many tabs
    (each an ln-tui process) may be open at once."""

    secret: str
    host: str
    port: int
    max_tabs: int = DEFAULT_TABS
    tabs: int = 0

    @property
    def prefix(self) -> str:
        return f"/{self.secret}/"

    def host_is_ours(self, host_header: str) -> bool:
        """The Host header names the address we listen on. Listening on every address (0.0.0.0, ::),
        any IP address is taken: DNS rebinding needs a name, and names are refused. Any port: through
        an SSH tunnel (ssh -L 9000:127.0.0.1:8000) the browser names its own end's port."""
        try:
            url = URL(f"http://{host_header}/")
        except ValueError:
            return False
        name = (url.raw_host or "").lower()
        if not name or url.user is not None or url.path != "/":
            return False
        if is_wildcard(self.host):
            return is_ip_literal(name)
        return name == self.host.lower().strip("[]")

    def origin_is_ours(self, origin: str | None, host_header: str, secure: bool) -> bool:
        """The WebSocket's Origin is this page's: same scheme, host and port as the (checked) Host."""
        if not origin:
            return False
        try:
            theirs, ours = URL(origin), URL(f"{'https' if secure else 'http'}://{host_header}/")
        except ValueError:
            return False
        return (theirs.scheme, (theirs.raw_host or "").lower(), theirs.port) == (
            ours.scheme,
            (ours.raw_host or "").lower(),
            ours.port,
        ) and theirs.path in ("", "/")

    def public_url(self) -> str:
        """The URL `serve` prints: this address (on a wildcard, this machine's), the port, the secret."""
        host = self.host
        if is_wildcard(host):
            from ln_tui.room.server import default_host

            host = default_host()
        return f"http://{url_host(host)}:{self.port}{self.prefix}"

    def policy(self, host_header: str, secure: bool) -> str:
        """The Content-Security-Policy: everything from this server; the WebSocket to itself only.
        Styles may be inline: xterm.js and textual.js put their styles in <style> elements they make."""
        socket_url = f"{'wss' if secure else 'ws'}://{host_header}{self.prefix}ws"
        if not self.host_is_ours(host_header):
            socket_url = "'none'"  # a refused request's Host is not written into a header
        return (
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; "
            f"font-src 'self'; connect-src {socket_url}; frame-ancestors 'none'; base-uri 'none'; "
            "form-action 'none'; object-src 'none'"
        )


def browser_at_hand(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether a graphical browser can be opened here: not over SSH, and on Linux and the BSDs only in a
    graphical session (else `webbrowser` would start a text browser in this very terminal)."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if environ.get("SSH_CONNECTION") or environ.get("SSH_TTY"):
        return False
    if platform.startswith(("win", "darwin")):
        return True
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def make_server(
    path: Path,
    *,
    host: str,
    port: int,
    present: bool,
    max_tabs: int = DEFAULT_TABS,
    secret: str | None = None,
    command: str | None = None,
) -> Any:
    """The textual-serve server for `path`, with ln-tui's page and guard (`application()` is what runs)."""
    import jinja2
    from aiohttp import web
    from textual_serve.server import Server

    from ln_tui.room.pages import page_language, translator

    title = network_name(path)
    pages = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )

    class LnServer(Server):
        """textual-serve's server (its WebSocket handler runs one ln-tui per tab) behind our own
        application: the secret path, the Host and Origin checks, the tab cap, the headers."""

        guard: Guard

        def application(self) -> web.Application:
            app = web.Application(middlewares=[self.check_host])
            prefix = self.guard.prefix
            app.add_routes(
                [
                    web.get(prefix, self.handle_page),
                    web.get(prefix.rstrip("/"), self.to_page),
                    web.get(prefix + "ws", self.handle_tab),
                    web.get(prefix + "page.css", self.page_file),
                    web.get(prefix + "page.js", self.page_file),
                    web.static(prefix + "static", self.statics_path, show_index=False, follow_symlinks=False),
                ]
            )
            app.on_response_prepare.append(self.add_headers)
            return app

        @web.middleware
        async def check_host(self, request: web.Request, handler: Any) -> web.StreamResponse:
            if not self.guard.host_is_ours(request.host):
                return web.Response(
                    status=421, text=_("Open the address that ln-tui serve printed.") + "\n", content_type="text/plain"
                )
            try:
                return await handler(request)
            except web.HTTPForbidden:
                if request.path.startswith(self.guard.prefix + "static/"):
                    raise web.HTTPNotFound() from None  # a folder: no listing, and not even said to be one
                raise

        async def add_headers(self, request: web.Request, response: web.StreamResponse) -> None:
            headers = response.headers
            headers["Content-Security-Policy"] = self.guard.policy(request.host, request.secure)
            headers["X-Frame-Options"] = "DENY"
            headers["X-Content-Type-Options"] = "nosniff"
            headers["Referrer-Policy"] = "no-referrer"
            headers["Cross-Origin-Opener-Policy"] = "same-origin"
            headers["Cross-Origin-Resource-Policy"] = "same-origin"
            headers["Cache-Control"] = "no-store"  # the address holds the secret

        async def to_page(self, request: web.Request) -> web.StreamResponse:
            raise web.HTTPFound(self.guard.prefix)

        async def page_file(self, request: web.Request) -> web.StreamResponse:
            return web.FileResponse(TEMPLATES / request.path.rsplit("/", 1)[1])

        async def handle_page(self, request: web.Request) -> web.Response:
            if self.guard.tabs >= self.guard.max_tabs:
                return self.refused(request)
            # URLs from the address the browser used (checked), so that a --public server works
            # from another computer (textual-serve builds them from its own host name).
            scheme = "wss" if request.secure else "ws"
            tab_language = page_language(request.headers.get("Accept-Language", ""))
            html = pages.get_template("app_index.html").render(
                font_size=font_size(request.query.get("fontsize", "")),
                app_websocket_url=f"{scheme}://{request.host}{self.guard.prefix}ws",
                static_url=f"{self.guard.prefix}static/",
                prefix=self.guard.prefix,
                name=title,
                language=get_language(),
                text={"start": _("Start"), "ended": _("This session has ended."), "restart": _("Start again")},
                # Shown instead of "ended" should the WebSocket be refused after all (page.js).
                refused=refused_message(tab_language, self.guard.max_tabs),
                again=translator(tab_language)("Try again"),  # marked in refused.html
            )
            return web.Response(text=html, content_type="text/html")

        def refused(self, request: web.Request) -> web.Response:
            """The page of a tab over the cap, in the browser's language."""
            language = page_language(request.headers.get("Accept-Language", ""))
            html = pages.get_template("refused.html").render(
                _=translator(language),
                language=language,
                name=title,
                message=refused_message(language, self.guard.max_tabs),
                prefix=self.guard.prefix,
            )
            return web.Response(status=429, text=html, content_type="text/html", headers={"Retry-After": "10"})

        async def handle_tab(self, request: web.Request) -> web.StreamResponse:
            """A tab's WebSocket (one ln-tui process): from this page only, and within the cap."""
            if not self.guard.origin_is_ours(request.headers.get("Origin"), request.host, request.secure):
                raise web.HTTPForbidden(text=_("Open the address that ln-tui serve printed.") + "\n")
            if self.guard.tabs >= self.guard.max_tabs:
                return await self.refuse_tab(request)
            self.guard.tabs += 1
            try:
                return await self.handle_websocket(request)
            finally:
                self.guard.tabs -= 1

        async def refuse_tab(self, request: web.Request) -> web.WebSocketResponse:
            """Two tabs that loaded the page at once, one over the cap: its socket is closed with
            REFUSED_TAB, and its page (page.js) says why, in the words the page brought."""
            socket = web.WebSocketResponse()
            await socket.prepare(request)
            await socket.close(code=REFUSED_TAB, message=b"too many tabs")
            return socket

    server = LnServer(command or app_command(path, present=present), host=host, port=port, title=title)
    server.guard = Guard(new_secret() if secret is None else secret, host, port, max_tabs)
    return server


REFUSED = Nn_(
    "ln-tui is already open in {tabs} browser tab (a seat each), as many as this server allows (--tabs). "
    "Close it, then reload this page.",
    "ln-tui is already open in {tabs} browser tabs (a seat each), as many as this server allows (--tabs). "
    "Close one of them, then reload this page.",
)


def refused_message(language: str, tabs: int) -> str:
    """Why a tab over the cap gets no ln-tui, in that tab's language."""
    return translations(language).ngettext(*REFUSED, tabs).format(tabs=tabs)


def serve(
    path: Path,
    *,
    host: str,
    port: int,
    present: bool,
    public: bool,
    max_tabs: int = DEFAULT_TABS,
    open_browser: bool = True,
) -> int:
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
    if not 1 <= max_tabs <= MAX_TABS:
        print(_("ln-tui: --tabs must be between 1 and {most}.").format(most=MAX_TABS), file=sys.stderr)
        return 2
    problem = port_problem(host, port)
    if problem is not None:
        print(_("ln-tui: {message}").format(message=problem), file=sys.stderr)
        return 2
    if not is_loopback(host):
        print(
            _(
                "Warning: the page has no login. Anyone who can reach {host}:{port} and has the address "
                "below can use ln-tui on this network file. Safer: keep 127.0.0.1 and use an SSH tunnel "
                "(ssh -L {port}:127.0.0.1:{port} this-computer)."
            ).format(host=host, port=port),
            file=sys.stderr,
        )
    os.environ[SERVED_ENV] = "1"  # the tabs' processes inherit it
    server = make_server(path, host=host, port=port, present=present, max_tabs=max_tabs)
    url = server.guard.public_url()

    def listening(*_ignored: object) -> None:
        """Called by aiohttp once the server listens: the address, then the browser."""
        print(
            _("ln-tui serves {name} on {url} (Ctrl+C stops it).").format(name=server.title, url=url),
            flush=True,
        )
        print(
            _("The address holds a secret made new at each start: whoever has it can use ln-tui on this file."),
            flush=True,
        )
        if open_browser and browser_at_hand():
            webbrowser.open(url)

    from aiohttp import web

    server.initialize_logging()
    try:
        web.run_app(server.application(), host=host, port=port, print=listening, access_log=None)
    except OSError as error:
        print(_("ln-tui: cannot serve: {reason}").format(reason=error.strerror or error), file=sys.stderr)
        return 2
    return 0
