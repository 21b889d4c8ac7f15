"""Hypothesis fuzzing of hostile input (issue 17): stories, issue bodies, CSV cells.

``targets.py`` holds the properties and strategies, ``test_fuzz.py`` runs a short version with the
test suite, ``python -m tests.fuzz.run --minutes 10`` runs them for as long as asked.
"""
