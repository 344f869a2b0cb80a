"""The meeting's agenda and its clock, external input, the calendar and closing the network.

`model` holds the records, `templates` the programmes a meeting starts from, `agenda`
the `Agenda` facade the screen talks to (editing with undo, and the running clock),
`clock` the meeting clock as pure functions, `closing` the harvest and the follow-up
network, `ics` the calendar file. No textual here.
"""
