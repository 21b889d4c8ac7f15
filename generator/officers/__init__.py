"""The officers' workflow: issue forms, CSV edits, change summaries."""
