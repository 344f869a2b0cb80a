"""The room: participants' phones feeding the live board and their own evaluation.

`Room` (room.py) is the facade the console calls; `server.py` is the aiohttp application
that serves the phone pages in a process of its own (`ln-tui room`, a seat of the network file). No textual here.
"""
