"""The upstream behaviour `OneSentenceCrash` (ln_tui/screens/textual_workarounds.py) works around.

If an upgrade of Textual makes this test fail, its traceback no longer shows local variables or
no longer adds a NOTE per extra error: the workaround may be able to go.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

STOCK_APP = textwrap.dedent(
    """
    from textual.app import App, ComposeResult
    from textual.widget import Widget

    class Boom(Widget):
        def on_mount(self) -> None:
            secret_member_name = "Zoe Verhaegen"
            raise RuntimeError("boom")

    class Stock(App[None]):
        def compose(self) -> ComposeResult:
            yield Boom()
            yield Boom()

    app = Stock()
    app.run(headless=True)
    raise SystemExit(app.return_code)
    """
)


def test_textual_prints_local_variables_and_a_note_per_extra_error() -> None:
    result = subprocess.run([sys.executable, "-c", STOCK_APP], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Zoe Verhaegen" in result.stderr, "the traceback shows local variables: people's names"
    assert "NOTE: 1 of 2 errors shown" in result.stderr
