"""`make bench`: what the facilitator feels, each figure beside its floor measured in the same run."""
