"""The mechanisms of the simulation, one module per rule, each with its documented parameters.

Every rule is a function over the arrays of `accord.simulation.state.SimState`, vectorised over
states and dyads; randomness comes only from the `numpy.random.Generator` passed in.
"""

# each rule module is imported by name (`accord.simulation.rules.sanctions`, ...)
__all__: list[str] = []
