"""Storage of networks: one TinyDB JSON file per network. No textual import here."""

from ln_tui.store.errors import (
    CannotOpen,
    CannotRestore,
    CorruptFile,
    FileInUse,
    HardLinked,
    InvalidRecords,
    LockIsALink,
    NewerSchema,
    NoBackup,
    SoundFile,
    StoreError,
)
from ln_tui.store.network import (
    KEEP_BACKUPS,
    Backup,
    NetworkStore,
    Repo,
    backup_path,
    backups,
    is_sound,
    real_path,
    restore_backup,
)
from ln_tui.store.storage import SaveState

__all__ = [
    "KEEP_BACKUPS",
    "Backup",
    "CannotOpen",
    "CannotRestore",
    "CorruptFile",
    "FileInUse",
    "HardLinked",
    "InvalidRecords",
    "LockIsALink",
    "NetworkStore",
    "NewerSchema",
    "NoBackup",
    "Repo",
    "SaveState",
    "SoundFile",
    "StoreError",
    "backup_path",
    "backups",
    "is_sound",
    "real_path",
    "restore_backup",
]
