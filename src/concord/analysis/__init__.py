"""Pure maths on decision rules: voting power, adoption probability, criticality.

Imports only the standard library, numpy and ``concord.model``'s error types; no I/O.
"""
