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


class TestInvisibleCharactersFromCsv:
    """Item 6: invisible and direction-changing characters, and line breaks in a cell, are refused
    from a CSV import with their line and column, nothing imported."""

    @pytest.mark.parametrize(
        ("char", "code"),
        [("\u202e", "U+202E"), ("\u200b", "U+200B"), ("\u2028", "U+2028"), ("\u2066", "U+2066"), ("\ufeff", "U+FEFF")],
    )
    def test_each_is_named_with_its_line_and_column(self, char: str, code: str) -> None:
        from ln_tui.roster import CsvImportError, parse_members_csv

        data = f"name,email\nAnn,a@b.be\nBea{char}x,b@b.be\n".encode()
        with pytest.raises(CsvImportError) as raised:
            parse_members_csv(data)
        message = str(raised.value)
        assert "line 3, column 4" in message and code in message, message

    def test_a_line_break_inside_a_quoted_cell_is_refused_where_it_is(self) -> None:
        from ln_tui.roster import CsvImportError, parse_members_csv

        data = b'name,organisation\r\nAnn,Zorg\r\nBea,"Twee\r\nregels"\r\n"Cas\nPeeters",X\n'
        with pytest.raises(CsvImportError) as raised:
            parse_members_csv(data)
        message = str(raised.value)
        assert "line 3, column 10" in message and "line 5, column 5" in message, message
        assert "line break" in message

    def test_a_quote_inside_an_unquoted_name_is_no_quoted_cell(self) -> None:
        from ln_tui.roster import parse_members_csv

        names = [m.name for m in parse_members_csv(b'name,email\nO"Brien,o@b.be\nBea,b@b.be\n')]
        assert names == ['O"Brien', "Bea"]

    def test_the_command_imports_nobody_and_says_where(
        self, store: object, network_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from ln_tui.cli import main
        from ln_tui.store import NetworkStore

        assert isinstance(store, NetworkStore)
        store.close()
        csv_file = tmp_path / "m.csv"
        csv_file.write_bytes("name\nAnn\n\u202eBea\n".encode())
        assert main(["members", "import", str(network_path), str(csv_file)]) == 1
        assert "line 3, column 1" in capsys.readouterr().err
        with NetworkStore.open(network_path, read_only=True) as again:
            assert again.members.all() == []
