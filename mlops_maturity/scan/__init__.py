"""The evidence scanner: a rubric's detectors run over a repository's files.

It proposes answers, each with the files that support it, and never decides: it never
proposes a degree of automation, never proposes an answer from the absence of a file, and
never scores. ``listing`` says which files there are, ``reading`` reads them safely,
``compiled`` turns detectors into fast matchers, ``matcher`` turns matches into proposals
(pure), ``run`` ties them together, and ``merge`` folds proposals into a person's answers.
"""
