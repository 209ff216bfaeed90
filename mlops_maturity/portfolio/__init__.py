"""Many systems at once: the latest assessment of each, rolled up per rubric and per group.

The chain inside this package runs one way: ``collect`` finds the files, ``worker`` turns
each into a small frozen row (in worker processes, see ``run``), ``scope`` keeps the latest
assessment of each system, ``rollup`` computes the views (pure functions over rows),
``document`` builds the one view model every format renders, and ``formats`` writes HTML,
Markdown, CSV and JSON. Systems assessed on different rubrics are never mixed: every view is
computed per rubric.
"""
