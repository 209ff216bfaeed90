"""The guided ``assess`` flow: a facilitator walks a team through a rubric in a terminal.

The logic is pure and testable without a terminal (``session``: which question next, back,
skip, n/a, the resume point; ``change``: what one reply changes in an answer); ``yamledit``
writes a change into the questionnaire's own lines; ``store`` reads, checks and saves the
file atomically, refusing to overwrite a change made by someone else; ``screens`` words what
is shown; ``console`` is the thin terminal layer and ``flow`` ties them together.
"""
