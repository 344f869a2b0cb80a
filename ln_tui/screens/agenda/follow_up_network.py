"""The palette's "Start a follow-up network": ask for the new file, write it, say what it holds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ln_tui.agenda.closing import create_follow_up
from ln_tui.i18n import _, ngettext
from ln_tui.screens.dialogs import TextDialog
from ln_tui.store import StoreError

if TYPE_CHECKING:
    from ln_tui.app import LnApp


def ask_follow_up(app: LnApp) -> None:
    def create(answer: str | None) -> None:
        if answer is None or not answer.strip():
            return
        path = Path(answer.strip()).expanduser()
        if not path.is_absolute():
            path = app.store.path.parent / path
        if path.resolve() == app.store.path.resolve():
            app.notify(_("The new network must be another file than this one."), severity="error", markup=False)
            return
        try:
            copied = create_follow_up(path, app.store)
        except FileExistsError:
            app.notify(
                _("{path} already exists; a new network never overwrites a file.").format(path=path),
                severity="error",
                markup=False,
            )
            return
        except (OSError, StoreError) as error:  # a locked, unwritable or odd path: say so, keep going
            app.notify(
                _("The new network could not be written: {reason}").format(reason=error), severity="error", markup=False
            )
            return
        app.notify(
            ngettext(
                "Follow-up network written to {path} ({members} member, not yet confirmed). Open it with: ln-tui {path}",
                "Follow-up network written to {path} ({members} members, not yet confirmed). Open it with: ln-tui {path}",
                copied.members,
            ).format(path=path, members=copied.members),
            timeout=15,
            markup=False,
        )

    app.push_screen(
        TextDialog(
            _("Start a follow-up network"),
            _("The new network file (it must not exist yet), beside this one or a full path:"),
            placeholder="vervolg.json",
            required=_("Name the new file."),
        ),
        create,
    )
