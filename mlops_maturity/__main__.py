"""Allows ``python -m mlops_maturity`` where the console script is not on PATH."""

from mlops_maturity.cli import main

if __name__ == "__main__":
    main()
