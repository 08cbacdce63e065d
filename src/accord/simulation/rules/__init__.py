"""The mechanisms of the simulation, one module per rule, each with its documented parameters.

Every rule is a function over the arrays of `accord.simulation.state.SimState`, vectorised over
states and dyads; randomness comes only from the `numpy.random.Generator` passed in.
"""
