"""The learning thread's screens: the check-in that opens a meeting, a member's thread, the goals' review at the close."""
