"""File primitives every layer above may use: bounded reads and safe, atomic writes."""
