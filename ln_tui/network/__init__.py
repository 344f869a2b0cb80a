"""Composing the network (step 1): its profile, the announcement and the meetings. No textual."""
