"""Saving as the user sees it: the save line, a save that failed or was not confirmed, ctrl+s, a
change typed in a read-only window, and the file changed by another program."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ln_tui.i18n import _
from ln_tui.screens.base import HomeScreen
from ln_tui.screens.header import NetworkHeader
from ln_tui.store import SaveState

if TYPE_CHECKING:
    from ln_tui.kickoff.board import Board


class Saving(NetworkHeader):
    """The part of `LnApp` that shows the store's save state and answers for it."""

    boards: dict[int | None, Board]
    _last_error: str | None

    def _save_state_changed(self, state: SaveState) -> None:
        if state.read_only and not state.saved:
            self.call_later(self.drop_read_only_change)
            return
        if isinstance(self.screen, HomeScreen):
            self.screen.show_save_state(state)
        if state.conflict:
            # Asked once; after "decide later", ctrl+s asks again (the retry timer does not).
            self.ask_about_change_on_disk(again=state.error != self._last_error)
            self._last_error = state.error
            return
        if state.error and state.error != self._last_error:
            self.notify(
                _("Saved, but the disk did not confirm it ({reason}); saving again.").format(reason=state.error)
                if state.unconfirmed
                else _("Not saved: {reason}. Your change is kept in memory.").format(reason=state.error),
                severity="warning" if state.unconfirmed else "error",
                timeout=10,
                markup=False,
            )
        self._last_error = state.error

    def drop_read_only_change(self) -> None:
        """A change typed in a read-only window: said plainly, and taken back at once, so that
        nothing on screen looks kept that is not in the file."""
        from ln_tui.store import StoreError

        if self.store.save_state.saved:
            return
        self.notify(
            _("This window is read-only: that change is not kept. Open the file without --read-only to change it."),
            severity="warning",
            timeout=8,
        )
        try:
            self.store.reload()
        except StoreError:
            return
        for board in self.boards.values():
            board.reread()
        home = next((s for s in reversed(self.screen_stack) if isinstance(s, HomeScreen)), None)
        if home is not None and home.showing:
            home.others_changed(frozenset(self.store.counts()))

    def _retry_save(self) -> None:
        from ln_tui.screens.conflict import asking_about_disk

        if not self.store.save_state.saved and not self.store.read_only and not asking_about_disk(self):
            self.store.retry_save()

    def ask_about_change_on_disk(self, again: bool = True) -> None:
        """Another program changed the file: reload it, or save ours as a copy beside it."""
        from ln_tui.screens.conflict import ChangedOnDiskDialog

        if isinstance(self.screen, ChangedOnDiskDialog):
            self.screen.show_unsaved(self.store.unsaved_changes)
            return
        if not again:
            return
        self.push_screen(ChangedOnDiskDialog(self.store.path, self.store.unsaved_changes), self._resolve_change_on_disk)

    def _resolve_change_on_disk(self, choice: str | None) -> None:
        from ln_tui.store import StoreError

        try:
            if choice == "reload":
                self.store.reload()
                self.notify(_("The file was read again as it is on disk."))
            elif choice == "copy":
                copy = self.store.save_copy()
                self.notify(_("Your version is saved as {path}.").format(path=copy), markup=False, timeout=15)
            else:
                return
        except (StoreError, OSError) as error:
            reason = str(error) if isinstance(error, StoreError) else error.strerror or str(error)
            self.notify(reason, severity="error", markup=False, timeout=15)
            return
        self.refresh_header()
        if isinstance(self.screen, HomeScreen):
            self.screen.reload()

    def action_save(self) -> None:
        if self.store.save_state.conflict:
            self.ask_about_change_on_disk()
        elif self.store.read_only:
            self.notify(_("This file is open read-only."), severity="warning")
        elif self.store.retry_save():
            self.notify(_("Everything is saved."))
