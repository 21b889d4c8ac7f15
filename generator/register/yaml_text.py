"""YAML written by officers (descriptor, schemas, story front matter): safe and without aliases.

An alias (``*name``) repeats an anchored node (``&name``) without copying its text, so nested
aliases in a 2 KB file expand to gigabytes (a "billion laughs" bomb). Officer-written files have
no use for them: an anchor or alias is refused where the composer meets it, with its place.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent, NodeEvent


class YamlAliasError(yaml.MarkedYAMLError):
    """An anchor or alias in officer-written YAML; ``name`` is its label, ``kind`` "&" or "*"."""

    def __init__(self, kind: str, name: str, mark: yaml.Mark) -> None:
        super().__init__(problem=f"{kind}{name}", problem_mark=mark)
        self.kind = kind
        self.name = name

    @property
    def params(self) -> dict[str, str]:
        """Parameters of the ``yaml-alias`` message."""
        word = "kotwicy" if self.kind == "&" else "odwołania (aliasu)"
        return {"kind": word, "what": self.kind, "name": self.name}


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader whose composer refuses anchors and aliases before anything is built."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise YamlAliasError("*", str(event.anchor), event.start_mark)
        if isinstance(event, NodeEvent) and event.anchor is not None:
            raise YamlAliasError("&", str(event.anchor), event.start_mark)
        return super().compose_node(parent, index)

    def construct_long_int(self, node: yaml.ScalarNode) -> Any:
        """An integer too long for Python's int() (over 4,300 digits) stays text."""
        try:
            return self.construct_yaml_int(node)
        except ValueError:
            return self.construct_scalar(node)


_NoAliasLoader.add_constructor("tag:yaml.org,2002:int", _NoAliasLoader.construct_long_int)


def load(text: str) -> Any:
    """Parse officer-written YAML like ``yaml.safe_load``; raise YamlAliasError on ``&``/``*``."""
    return yaml.load(text, Loader=_NoAliasLoader)  # a SafeLoader: no Python objects
