"""The user's preferences (theme, language), kept between runs. No textual import."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

from ln_tui.store.files import write_atomic

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

    @classmethod
    def load(cls) -> Settings:
        try:
            raw = json.loads((config_dir() / "settings.json").read_text(encoding="utf-8"))
            return cls(**{k: v for k, v in raw.items() if k in cls.__dataclass_fields__})
        except (OSError, ValueError, TypeError):
            return cls()

    def save(self) -> bool:
        """Remember the settings; a failure to do so is not worth bothering the user."""
        try:
            folder = config_dir()
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(folder / "settings.json", json.dumps(asdict(self)).encode())
        except OSError:
            return False
        return True
