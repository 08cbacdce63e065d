"""The `accord` command line: one module per command group, assembled in `main`."""

# the console script is `accord.cli.main:main`; nothing is re-exported here
__all__: list[str] = []
