"""Storage of networks: one TinyDB JSON file per network. No textual import here."""

from ln_tui.store.errors import CorruptFile, FileInUse, NewerSchema, NoBackup, StoreError
from ln_tui.store.network import NetworkStore, Repo, backup_path, restore_backup
from ln_tui.store.storage import SaveState

__all__ = [
    "CorruptFile",
    "FileInUse",
    "NetworkStore",
    "NewerSchema",
    "NoBackup",
    "Repo",
    "SaveState",
    "StoreError",
    "backup_path",
    "restore_backup",
]
