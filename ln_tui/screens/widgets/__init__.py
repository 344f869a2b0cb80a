"""Reusable widgets: the countdown, board columns, tables and bars."""
