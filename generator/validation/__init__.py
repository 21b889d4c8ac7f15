"""Validation of a raw register: schema checks and business rules."""
