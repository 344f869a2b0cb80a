"""The user's preferences (theme, language), kept between runs. No textual import."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, fields
from pathlib import Path

import platformdirs

from ln_tui.i18n import _
from ln_tui.store.files import make_private_dirs, write_atomic

APP_NAME = "ln-tui"


def config_dir() -> Path:
    return Path(os.environ.get("LN_TUI_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    return Path(os.environ.get("LN_TUI_DATA_DIR") or platformdirs.user_data_dir(APP_NAME))


def default_network_path() -> Path:
    return data_dir() / "network.json"


@dataclass
class Settings:
    theme: str = "projector"
    language: str = ""  # empty: follow the locale
    seat_name: str = ""  # who this user is on a shared network's seats (empty: the login name)
    seat_job: str = ""  # facilitator, timekeeper, note-taker, or empty (ln_tui.seats.JOBS)
    # Why the settings file was not used (shown once as a warning); the file itself is left alone
    # until a setting changes. Not a setting: never saved.
    problem: str | None = field(default=None, compare=False, repr=False)

    @classmethod
    def load(cls) -> Settings:
        path = config_dir() / "settings.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, RecursionError) as error:
            return cls(problem=_ignored(path, str(getattr(error, "strerror", None) or error)))
        if not isinstance(raw, dict):
            return cls(problem=_ignored(path, _("it is not a JSON object")))
        for name in SAVED:
            if name in raw and not isinstance(raw[name], str):
                reason = _("{name} is {value}, it must be text").format(name=name, value=json.dumps(raw[name]))
                return cls(problem=_ignored(path, reason))
        return cls(**{name: raw[name] for name in SAVED if name in raw})

    def save(self) -> bool:
        """Remember the settings; a failure to do so is not worth bothering the user."""
        try:
            folder = config_dir()
            make_private_dirs(folder)
            saved = {name: getattr(self, name) for name in SAVED}
            write_atomic(folder / "settings.json", json.dumps(saved).encode())
        except OSError:
            return False
        return True


SAVED = tuple(f.name for f in fields(Settings) if f.name != "problem")


def _ignored(path: Path, reason: str) -> str:
    return _("{path} ignored ({reason}); using the defaults.").format(path=path, reason=reason)
