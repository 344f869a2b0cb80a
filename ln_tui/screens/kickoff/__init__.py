"""The Kickoff home: the live board."""
