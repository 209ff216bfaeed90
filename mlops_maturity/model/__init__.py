"""The bottom layer: frozen types for rubrics and answers, and the typed errors every layer raises.

Nothing here imports from the rest of the package.
"""
