"""mlops-maturity: score how mature and how automated an ML system is, from a rubric kept as data."""

__version__ = "0.1.0"
