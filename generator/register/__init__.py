"""The register: read the package, model it, derive statuses."""
