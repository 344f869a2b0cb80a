"""The platform module: both branches run here, and the app starts where `sys.platform` is win32.

No Windows machine is at hand. The POSIX branch runs for real. The Windows branch runs with a
stand-in for `msvcrt` that behaves as its documentation says (`locking` with LK_NBLCK raises
OSError at once when another descriptor holds the byte), since nothing else can run it on Linux.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ln_tui import portable
from ln_tui.store import FileInUse, NetworkStore
from ln_tui.store.lock import NetworkLock

ROOT = Path(__file__).resolve().parent.parent


class FakeMsvcrt:
    """Windows' byte-range locks, shared by every descriptor of one file as the real ones are
    shared by every process: a locked byte cannot be locked again through another descriptor."""

    LK_UNLCK = 0
    LK_NBLCK = 2

    def __init__(self) -> None:
        self.held: dict[tuple[int, int, int], int] = {}  # (device, inode, offset) -> the holder's fd

    def locking(self, fd: int, mode: int, nbytes: int, /) -> None:
        info = os.fstat(fd)
        key = (info.st_dev, info.st_ino, os.lseek(fd, 0, os.SEEK_CUR))
        if mode == self.LK_NBLCK:
            if key in self.held:
                raise PermissionError(13, "Permission denied")
            self.held[key] = fd
        elif mode == self.LK_UNLCK:
            if self.held.get(key) != fd:
                raise PermissionError(13, "Permission denied")
            del self.held[key]


def both_branches() -> list[portable.Files]:
    files: list[portable.Files] = [portable.WindowsFiles(FakeMsvcrt())]
    if sys.platform != "win32":
        files.append(portable.PosixFiles())
    return files


@pytest.mark.parametrize("files", both_branches(), ids=lambda f: type(f).__name__)
def test_the_lock_is_exclusive_and_free_again_once_released(files: portable.Files, tmp_path: Path) -> None:
    path = tmp_path / "network.json.lock"
    first = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    second = os.open(path, os.O_RDWR)
    try:
        assert files.try_lock(first)
        assert not files.try_lock(second)  # another open of the same file: another seat
        files.unlock(first)
        assert files.try_lock(second)
        files.unlock(second)
    finally:
        os.close(first)
        os.close(second)


@pytest.mark.parametrize("files", both_branches(), ids=lambda f: type(f).__name__)
def test_a_rename_is_made_durable_without_error(files: portable.Files, tmp_path: Path) -> None:
    (tmp_path / "a").write_text("x")
    os.replace(tmp_path / "a", tmp_path / "b")
    files.sync_folder(tmp_path)
    assert (tmp_path / "b").read_text() == "x"


@pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")
def test_posix_makes_a_file_private_whatever_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "f"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        portable.PosixFiles().make_private(fd)
    finally:
        os.close(fd)
    assert path.stat().st_mode & 0o777 == 0o600


def test_windows_leaves_the_mode_to_the_profile_folder(tmp_path: Path) -> None:
    path = tmp_path / "f"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        portable.WindowsFiles(FakeMsvcrt()).make_private(fd)
    finally:
        os.close(fd)
    assert path.stat().st_mode & 0o777 == 0o644 & ~current_umask()


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_the_network_lock_uses_the_platform_branch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the Windows branch in place, the store's lock still admits one writer at a time."""
    monkeypatch.setattr("ln_tui.store.lock.FILES", portable.WindowsFiles(FakeMsvcrt()))
    path = tmp_path / "network.json"
    first = NetworkLock(path)
    first.acquire()
    with pytest.raises(FileInUse):
        NetworkLock(path).acquire(timeout=0.05)  # a seat waits for a save, then says so
    first.release()
    again = NetworkLock(path)
    again.acquire()
    assert again.held
    again.release()


START_AS_WINDOWS = textwrap.dedent(
    """
    import asyncio, importlib.abc, subprocess, sys, types  # the standard library's own platform choices, made first

    class Blocked(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {"fcntl", "termios", "resource"}:
                raise ImportError(f"{name} does not exist on Windows")
            return None

    for name in ("fcntl", "termios", "resource"):
        sys.modules.pop(name, None)
    sys.meta_path.insert(0, Blocked())
    fake = types.ModuleType("msvcrt")
    fake.LK_UNLCK, fake.LK_NBLCK = 0, 2
    fake.locking = lambda fd, mode, nbytes: None
    sys.modules["msvcrt"] = fake
    sys.platform = "win32"

    from ln_tui.app import LnApp
    from ln_tui.portable import FILES, WindowsFiles
    from ln_tui.settings import Settings
    from ln_tui.store import NetworkStore

    assert isinstance(FILES, WindowsFiles), FILES

    async def main():
        store = NetworkStore.open(sys.argv[1])
        app = LnApp(store, screen="network", settings=Settings(language="en"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*"Win", "enter")  # the first run asks for the network's name
            await pilot.press("f3")
            await pilot.pause()
            print("screen:", type(app.screen).__name__)
        store.close()
        print("fcntl loaded:", "fcntl" in sys.modules, "termios loaded:", "termios" in sys.modules)

    asyncio.run(main())
    """
)


def test_the_app_starts_as_on_windows_with_the_posix_modules_blocked(tmp_path: Path) -> None:
    """`sys.platform` says win32 before ln-tui or Textual is imported; importing fcntl, termios or
    resource fails as it does there, and `msvcrt` is a stand-in. The standard library's own modules
    that choose their implementation by platform (asyncio, subprocess) are imported first, as
    Windows' own would be."""
    script = tmp_path / "as_windows.py"
    script.write_text(START_AS_WINDOWS)
    env = {
        **os.environ,
        "LN_TUI_DATA_DIR": str(tmp_path / "data"),
        "LN_TUI_CONFIG_DIR": str(tmp_path / "config"),
        # Windows' console driver needs the Windows console itself; run_test paints headless anyway.
        "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
    }
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "network.json")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "screen: RosterScreen" in result.stdout
    assert "fcntl loaded: False termios loaded: False" in result.stdout
    with NetworkStore.open(tmp_path / "network.json", read_only=True) as store:
        assert store.profile().name == "Win"  # saved through the Windows branch
