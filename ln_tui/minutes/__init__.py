"""The Minutes: every note, decision and action of a meeting, what earlier meetings carried
forward, the roles of the meeting and its minutes. `notes.Minutes` is what the screen talks to.

Kept empty so that the header's `roles.roles_line` is imported at start-up without the rest.
"""
