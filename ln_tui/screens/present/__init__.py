"""`ln-tui present`: the app and screen that show the audience view on the projector (ln_tui/present/view.py)."""
