"""The Roster home: members and attendance."""
