"""Bargaining benchmarks: Accord against NegMAS, and the expected utility model at scale."""
