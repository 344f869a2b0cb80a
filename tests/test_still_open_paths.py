"""Issue 23, round two: the paths that could still lose a network (items 2, 3, 4, 6, 7, 8)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from ln_tui.present.follow import FileFollower


class TestPresentOnAFifo:
    """Item 8: `present` on a FIFO must not hang: only regular files are opened, without blocking."""

    def test_a_fifo_is_refused_with_a_sentence_and_nothing_blocks(self, tmp_path: Path) -> None:
        fifo = tmp_path / "network.json"
        os.mkfifo(fifo)
        follower = FileFollower(fifo)
        result: list[object] = []
        reader = threading.Thread(target=lambda: result.append(follower.poll()), daemon=True)
        reader.start()
        reader.join(timeout=5)
        if reader.is_alive():  # unblock the hung open so the test process can end
            with open(fifo, "wb"):
                pass
            reader.join(timeout=5)
            pytest.fail("polling a FIFO blocked")
        snapshot = result[0]
        assert snapshot is not None and snapshot.store is None
        assert "not a regular file" in snapshot.problem
        assert follower.read().store is None, "reading it directly does not block either"

    def test_the_command_refuses_a_fifo_before_opening_a_screen(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from ln_tui.cli import main

        fifo = tmp_path / "network.json"
        os.mkfifo(fifo)
        assert main(["present", str(fifo)]) == 2
        assert "not a regular file" in capsys.readouterr().err
