"""Watching shows: what changed since the last check, and delivering those changes."""
