"""The console's room panel (phones in the room).

`ROOM_PANEL` lives here, not in `screen.py`: the app reads it at every key without importing the
panel, and the panel does not import the app for it.
"""

ROOM_PANEL = "room-screen"  # the id of the room panel (screen.py)
