"""The room in a process of its own: a seat of the network file that serves the phones.

`ln-tui room FILE` runs it (alone, e.g. on a second machine, or started by the console's ctrl+r
and `--room`). It opens FILE as a seat (its own `NetworkStore`), writes what phones send as
operations on the latest state of the file, and follows the file for what the other seats change.
The consoles follow the file too: a phone's item reaches a board the way another seat's change does.

Started by a console (`--console`), it talks to it through two pipes, in plain lines:
- its standard output: JSON lines. The first says where it listens (`{"url": ...}`) or why it
  cannot (`{"error": ..., "errno": ...}`); the next ones what the panel shows that is not in the
  file (`{"phones": ..., "items": ..., "most": ..., "evaluations": ...}`), each time that changes. The join URL holds the token: it goes only to the console that started the
  room and to the private link file beside the network (`links.py`, for `present`).
- its standard input: nothing is sent on it. When it ends (the console closed the room, quit, or
  died, even by SIGKILL: the system closes its end of the pipe), the room stops and the port is free.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ln_tui.room.links import forget_join_url_file, publish_join_url

STATUS_SECONDS = 0.25  # how often the room's process looks whether the panel's figures changed
START_SECONDS = 20.0  # the longest a console waits for the room's process to say where it listens
STOP_SECONDS = 3.0  # the longest it waits for it to stop before it is terminated
# How much lower than its console the room's process asks the system to run (`os.nice`): when the
# phones and the person typing want the same core, the typing gets it; the phones' work waits.
ROOM_NICENESS = 10


@dataclass(frozen=True)
class RoomStatus:
    """What the room's process tells the console's panel: nothing of it is in the file."""

    phones: int = 0
    items: int = 0  # items and questions sent since the room opened
    most: int = 0  # the most from one phone cookie
    evaluations: int = 0  # evaluation forms for the current meeting, one per phone cookie

    @classmethod
    def from_line(cls, data: dict[str, object]) -> RoomStatus:
        def number(key: str) -> int:
            value = data.get(key, 0)
            return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0

        return cls(number("phones"), number("items"), number("most"), number("evaluations"))


# -- the room's process ------------------------------------------------------------------------------
def run_room(path: Path, host: str, port: int, *, console: bool) -> int:
    """`ln-tui room FILE`: serve the phones until stopped (ctrl+c, SIGTERM, or, with `console`,
    the end of standard input). Its exit code: 0 after a stop, 1 when it could not listen, 2 when
    the file cannot be opened."""
    return asyncio.run(_serve(path, host, port, console=console))


def _say(line: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()


async def _serve(path: Path, host: str, port: int, *, console: bool) -> int:
    from ln_tui.i18n import _
    from ln_tui.room.room import Room
    from ln_tui.room.server import FOLLOW_SECONDS, RoomServer
    from ln_tui.seats import BEAT_SECONDS, Presence, Seat
    from ln_tui.store import NetworkStore, StoreError

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    if console:
        yield_to_console()

        def parent_gone() -> None:
            loop.call_soon_threadsafe(stop.set)

        _watch_parent(parent_gone)
    for number in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows: ctrl+c still ends it
            loop.add_signal_handler(number, stop.set)
    try:
        store = NetworkStore.open(path, create=False)
    except (StoreError, OSError) as error:
        reason = str(error) if isinstance(error, StoreError) else (error.strerror or str(error))
        if console:
            _say({"error": reason, "errno": 0})
        else:
            print(_("ln-tui: {message}").format(message=reason), file=sys.stderr)
        return 2
    store.seat_name = _("the room (phones)")
    room = Room(store)
    room.open()
    server = RoomServer(room)
    try:
        await server.start(host, port, follow_seconds=FOLLOW_SECONDS)
    except OSError as error:
        store.close()
        if console:
            _say({"error": error.strerror or str(error), "errno": error.errno or 0})
        else:
            address = f"{host}:{port}"
            print(
                _("ln-tui: the room could not open on {address}: {reason}").format(
                    address=address, reason=error.strerror or error
                ),
                file=sys.stderr,
            )
        return 1
    url = server.url
    presence = Presence(store.path, store.seat_id, Seat(_("the room (phones)")))
    try:
        with contextlib.suppress(OSError):  # without it the room works: only `present` shows no code
            publish_join_url(store.path, url)
        if console:
            _say({"url": url})
        else:
            print(_("The room is open: {url}").format(url=url))
            print(_("Phones on this network join with that link. ctrl+c closes the room."), flush=True)
        told: RoomStatus | None = None
        beat = 0.0
        changed = asyncio.Event()  # a phone joined: said at once (items are counted after their save)
        room.subscribe(lambda event: changed.set() if event.kind == "devices" else None)
        while not stop.is_set():
            if beat <= 0:
                presence.beat()
                beat = BEAT_SECONDS
            if console:
                sent = room.sent_counts()
                status = RoomStatus(room.phones, sent.items, sent.most_items, sent.evaluations)
                if status != told:
                    try:
                        _say(asdict(status))
                    except OSError:  # the console is gone
                        break
                    told = status
            started = loop.time()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(_either(stop, changed), STATUS_SECONDS)
            changed.clear()
            beat -= loop.time() - started
    finally:
        forget_join_url_file(store.path)
        presence.leave()
        await server.stop()
        store.close()
    return 0


async def _either(*events: asyncio.Event) -> None:
    waits = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for wait in waits:
            wait.cancel()


def yield_to_console() -> None:
    """Run below the console that started this process (where the system lets a process lower
    its own priority; elsewhere, as it is)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(ROOM_NICENESS)


def _watch_parent(gone: Callable[[], None]) -> None:
    """Call `gone` (from another thread) when standard input ends: the console is gone, or closed the room."""

    def watch() -> None:
        with contextlib.suppress(OSError, ValueError):
            while os.read(sys.stdin.fileno(), 1024):
                pass
        gone()

    threading.Thread(target=watch, name="ln-tui-room-parent", daemon=True).start()


# -- the console's side ---------------------------------------------------------------------------------
class RoomNotStarted(OSError):
    """The room's process could not listen (the port is taken, not this machine's address) or start."""


class RoomProcess:
    """The room's process as a console starts and stops it: `start` answers the join URL, `status`
    is what it said last, `on_change` is called (on the console's loop) when that changes or when
    the process ends by itself (`running` is False then)."""

    def __init__(self, network: Path, on_change: Callable[[], None] = lambda: None) -> None:
        self.network = network
        self.on_change = on_change
        self.process: asyncio.subprocess.Process | None = None
        self.url = ""
        self.status = RoomStatus()
        self._reader: asyncio.Task[None] | None = None
        self._errors: asyncio.Task[bytes] | None = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None and bool(self.url)

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def command(self, host: str, port: int) -> list[str]:
        """The room's process, in the console's language (the name its seat shows on the others)."""
        from ln_tui.i18n import get_language

        return [
            sys.executable,
            "-m",
            "ln_tui",
            "room",
            str(self.network),
            "--host",
            host,
            "--port",
            str(port),
            "--lang",
            get_language(),
            "--console",
        ]

    async def start(self, host: str, port: int) -> str:
        """Start the room on host:port; its join URL. `RoomNotStarted` when it cannot listen there."""
        await self.stop()
        self.status = RoomStatus()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        process = await asyncio.create_subprocess_exec(
            *self.command(host, port),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
        assert process.stdout is not None and process.stderr is not None
        self.process = process
        self._errors = asyncio.ensure_future(process.stderr.read())  # never on the console's terminal
        try:
            first = await asyncio.wait_for(process.stdout.readline(), START_SECONDS)
        except TimeoutError:
            first = b""
        said = _parse(first)
        if "url" not in said or not isinstance(said["url"], str):
            await self.stop()
            errors = (self._errors.result() if self._errors and self._errors.done() else b"").decode(errors="replace")
            reason = said.get("error") or (errors.strip().splitlines() or ["the room's process did not start"])[-1]
            number = said.get("errno")
            raise RoomNotStarted(number if isinstance(number, int) else 0, str(reason))
        self.url = said["url"]
        self._reader = asyncio.ensure_future(self._read(process))
        return self.url

    async def _read(self, process: asyncio.subprocess.Process) -> None:
        assert process.stdout is not None
        while line := await process.stdout.readline():
            said = _parse(line)
            if said:
                self.status = RoomStatus.from_line(said)
                self.on_change()
        await process.wait()
        if self.process is process:  # it ended by itself (killed, a crash): the panel says closed
            self.url = ""
            self.on_change()

    async def stop(self) -> None:
        """Stop the room: its standard input closed, then terminated if it does not end in time."""
        process, self.process = self.process, None
        reader, self._reader = self._reader, None
        self.url = ""
        if process is None:
            return
        if process.stdin is not None:
            with contextlib.suppress(OSError, RuntimeError):
                process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), STOP_SECONDS)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.terminate()
            try:
                await asyncio.wait_for(process.wait(), STOP_SECONDS)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()
        if reader is not None:
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reader
        if self._errors is not None:
            with contextlib.suppress(asyncio.CancelledError, OSError):
                await self._errors


def _parse(line: bytes) -> dict[str, object]:
    try:
        said = json.loads(line)
    except ValueError:
        return {}
    return said if isinstance(said, dict) else {}
