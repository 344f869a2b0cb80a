"""`ln-tui present`: the room's view of a network file, read-only, following the console live."""
