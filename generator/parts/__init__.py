"""The parts of the public site; each returns the files it contributes."""
