"""`ln-tui members import/export` and `ln-tui export --announcement`, with every error path."""

from __future__ import annotations

from pathlib import Path

import pytest

from ln_tui.cli import main
from ln_tui.model import Member, Role
from ln_tui.store import NetworkStore


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit:
        code = int(exit.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def network(tmp_path: Path) -> Path:
    path = tmp_path / "network.json"
    with NetworkStore.open(path) as store:
        store.members.add(Member("Ann Peeters", "ann@x.be", "OCMW Gent", Role.FACILITATOR, "intervisie"))
    return path


def write_csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "members.csv"
    path.write_bytes(text.encode(encoding))
    return path


def names(path: Path) -> list[str]:
    with NetworkStore.open(path, read_only=True) as store:
        return sorted(m.name for m in store.members.all())


class TestImport:
    def test_members_are_added(self, network: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        csv = write_csv(
            tmp_path, "naam;e-mail;rol;organisatie;expertise\nZoë 🙂;zoe@x.be;gast;UGent;onderzoek\n[b;;;;\n"
        )
        code, out, err = run(capsys, "members", "import", str(network), str(csv))
        assert (code, err) == (0, "") and "2 members imported" in out
        assert names(network) == ["Ann Peeters", "Zoë 🙂", "[b"]

    def test_a_bad_row_imports_nothing_and_every_bad_row_is_listed(
        self, network: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        csv = write_csv(
            tmp_path, "name,email,organisation,role,expertise\nBart,,,,\n,x@x.be,,,\nCas,nope,,,\nann peeters,,,,\n"
        )
        before = network.read_bytes()
        code, out, err = run(capsys, "members", "import", str(network), str(csv))
        assert code == 1 and out == ""
        assert "nothing imported" in err
        assert "line 3: A name is required." in err and "line 4:" in err and "line 5: Ann Peeters is already" in err
        assert "line 2" not in err
        assert network.read_bytes() == before

    @pytest.mark.parametrize(
        ("text", "encoding", "expected"),
        [
            ("name,email,organisation,role,expertise\nZoë,,,,\n", "latin-1", "not UTF-8"),
            ("e-mail,rol\nzoe@x.be,\n", "utf-8", "missing column(s): name"),
            ("", "utf-8", "The file is empty."),
        ],
    )
    def test_a_bad_file_is_explained(
        self, network: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, encoding: str, expected: str
    ) -> None:
        code, _out, err = run(capsys, "members", "import", str(network), str(write_csv(tmp_path, text, encoding)))
        assert code == 1 and expected in err
        assert names(network) == ["Ann Peeters"]

    def test_a_missing_csv(self, network: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, _out, err = run(capsys, "members", "import", str(network), str(tmp_path / "nope.csv"))
        assert code == 2 and "nope.csv" in err and "No such file" in err

    def test_a_missing_network(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        csv = write_csv(tmp_path, "name,email,organisation,role,expertise\nZoë,,,,\n")
        code, _out, err = run(capsys, "members", "import", str(tmp_path / "none.json"), str(csv))
        assert code == 2 and "does not exist" in err
        assert not (tmp_path / "none.json").exists()

    def test_a_network_open_elsewhere_takes_the_import_as_a_seat(
        self, network: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Every ln-tui on a file is a seat: the import joins, and the open seat follows it."""
        csv = write_csv(tmp_path, "name,email,organisation,role,expertise\nZoë,,,,\n")
        with NetworkStore.open(network) as open_elsewhere:
            code, _out, _err = run(capsys, "members", "import", str(network), str(csv))
            assert code == 0
            assert open_elsewhere.follow()
            assert "Zoë" in [m.name for m in open_elsewhere.members.all()]

    def test_usage_errors(self, network: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert run(capsys, "members")[0] == 2
        code, _out, err = run(capsys, "members", "import", str(network))
        assert code == 2 and "CSV" in err
        code, _out, err = run(capsys, "members", "frobnicate", str(network))
        assert code == 2 and "invalid choice" in err


class TestExport:
    def test_to_standard_output(self, network: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _err = run(capsys, "members", "export", str(network))
        assert code == 0
        assert (
            out
            == "name,email,organisation,role,expertise,joined\r\nAnn Peeters,ann@x.be,OCMW Gent,facilitator,intervisie,\r\n"
        )

    def test_to_a_file_that_imports_back(
        self, network: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out_file = tmp_path / "out.csv"
        code, _out, err = run(capsys, "members", "export", str(network), "-o", str(out_file))
        assert code == 0 and "1 member written" in err
        assert out_file.read_bytes().startswith(b"\xef\xbb\xbfname,")
        other = tmp_path / "other.json"
        NetworkStore.open(other).close()
        assert run(capsys, "members", "import", str(other), str(out_file))[0] == 0
        assert names(other) == ["Ann Peeters"]

    def test_works_while_the_network_is_open(self, network: Path, capsys: pytest.CaptureFixture[str]) -> None:
        with NetworkStore.open(network):
            assert run(capsys, "members", "export", str(network))[0] == 0

    def test_errors(self, network: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, _out, err = run(capsys, "members", "export", str(tmp_path / "none.json"))
        assert code == 2 and "does not exist" in err
        code, _out, err = run(capsys, "members", "export", str(network), "-o", str(tmp_path / "no-dir" / "x.csv"))
        assert code == 2 and "no-dir" in err


class TestAnnouncement:
    def test_markdown_and_html(
        self, demo_store: NetworkStore, network_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _err = run(capsys, "export", str(network_path), "--announcement")
        assert code == 0 and out.startswith("# Lerend netwerk Zorgcoördinatie") and "## When we meet" in out
        code, out, _err = run(capsys, "export", str(network_path), "--announcement", "--format", "html")
        assert code == 0 and out.startswith("<!DOCTYPE html>") and "<h2>When we meet</h2>" in out

    def test_to_a_file(
        self, demo_store: NetworkStore, network_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out_file = tmp_path / "announcement.md"
        assert run(capsys, "export", str(network_path), "--announcement", "-o", str(out_file))[0] == 0
        assert "## Why take part" in out_file.read_text(encoding="utf-8")

    def test_not_with_a_meeting(
        self, demo_store: NetworkStore, network_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, _out, err = run(capsys, "export", str(network_path), "--announcement", "--meeting", "1")
        assert code == 2 and "leave out --meeting" in err
