"""Where a key of a YAML file is: the line a message about it points to (pure, no values built).

The file is only composed into nodes (an alias stays one node, nothing is expanded), after it
has been read successfully by :func:`generator.register.descriptor.read_yaml`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

Key = str | int


def key_line(path: Path, keys: tuple[Key, ...]) -> int:
    """1-based line of the value at ``keys`` (mapping keys and list indexes); 0 when unknown."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return 0
    line = 0
    for key in keys:
        if isinstance(node, yaml.MappingNode) and isinstance(key, str):
            found = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) \
                and 0 <= key < len(node.value):
            found = node.value[key]
        else:
            found = None
        if found is None:
            return line
        node = found
        line = node.start_mark.line + 1
    return line
