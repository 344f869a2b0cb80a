"""ln-tui: a keyboard-driven terminal app for running a learning network."""

__version__ = "0.1.0"
