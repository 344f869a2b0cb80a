"""The timed round-robin case discussion: pure logic, no textual.

`countdown` is the turn's clock, `schedule` the speaking order, `session` the
discussion as a state machine over both, `methods` the presets and their checks,
`fairness` who spoke how long, `earlier_meetings` what the previous meetings left.
"""
