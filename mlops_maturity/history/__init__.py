"""One system over time: ``compare`` two assessments (or a git revision of one with the working
tree) and ``trend`` a series of them. Built on ``api``; the CLI's ``cli/history.py`` calls it."""
