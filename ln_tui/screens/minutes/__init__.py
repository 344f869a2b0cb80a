"""The Minutes home: notes, decisions and actions of a meeting, and its minutes exported."""
