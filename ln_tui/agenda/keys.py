"""Names of the agenda's data in the network file, in a leaf module: `status` (read at every
start) and `closing` / `model` (which write them) import them from here, not from each other."""

from __future__ import annotations

HARVESTS = "harvests"  # the table of agenda.model.Harvest
DRAFT_PROFILE_SETTING = "draft_profile"  # the profile as copied from the earlier network
