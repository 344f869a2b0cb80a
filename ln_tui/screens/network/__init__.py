"""The Network home: profile, announcement and meetings."""
