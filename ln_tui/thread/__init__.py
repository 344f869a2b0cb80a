"""What each member takes home: the learning thread from the kickoff to the close.

A member's thread is their learning goal (from the kickoff introduction's "I want to learn",
editable), their answers to each meeting's check-in question, the cases they brought, the advice
they received and what came of it, and how they judged their goal at the close.
"""
