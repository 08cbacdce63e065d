"""Accord's benchmarks: one sub-package per capability, each with a `run.main()`."""
