"""The public website: a docs tree generated from the model, then built by mkdocs-material."""
