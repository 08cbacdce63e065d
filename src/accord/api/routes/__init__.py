"""One router per capability: world, events, relations, forecasts, simulations, jobs, web."""

# each module is imported by `accord.api.app` for its `router`; nothing is re-exported here
__all__: list[str] = []
