"""The Discussion home: the timed round-robin case discussion."""
