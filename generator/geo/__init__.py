"""Voivodeship boundaries, the map projection and SVG maps."""
