"""Helpers shared by the tests and benchmarks: a loopback server that replays responses."""
