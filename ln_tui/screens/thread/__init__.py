"""The learning thread's screens: a member's thread, and the goals' review at the close."""
