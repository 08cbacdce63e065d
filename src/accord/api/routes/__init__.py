"""One router per capability: world, events, relations, forecasts, simulations, jobs, web."""
