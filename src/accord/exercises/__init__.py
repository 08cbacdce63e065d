"""Exercises: train diplomats with roles, turns, injects, AI counterparts and a debrief."""
