"""The engine: pure, exact functions from a rubric and answers to scores, findings and a roadmap.

No I/O and no formatting; every threshold is decided on exact fractions.
"""
