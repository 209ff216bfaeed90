"""Loading: YAML read safely, then checked into the frozen model (rubrics, questionnaires).

Everything a user can get wrong in a file is found here, with file, line and key.
"""
