"""YAML written by officers (descriptor, schemas, story front matter): safe and without aliases.

An alias (``*name``) repeats an anchored node (``&name``) without copying its text, so nested
aliases in a 2 KB file expand to gigabytes (a "billion laughs" bomb). Officer-written files have
no use for them: an anchor or alias is refused where the composer meets it, with its place.
"""

from __future__ import annotations

import pickle
import re
from collections import OrderedDict
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


_FastLoader: Any = None
if getattr(yaml, "__with_libyaml__", False):  # PyYAML built with libyaml (as its wheels are)

    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """libyaml's parser and composer (in C), the same safe constructor and resolver."""

    _FastLoader.add_constructor("tag:yaml.org,2002:int", _NoAliasLoader.construct_long_int)


# Where libyaml and the pure-Python reader may part (tests/test_yaml_fast.py looks for more):
# characters the latter refuses (libyaml lets some through), tabs (libyaml takes a tab after a
# tag for a space), a byte-order mark after the start, a comment right after a block scalar's
# indicator (libyaml takes "|#" for "| #").
_UNSURE = re.compile(f"{yaml.reader.Reader.NON_PRINTABLE.pattern}|[\t\ufeff]|[|>][-+0-9]*#")


# Texts this process parsed, with what they gave (pickled: each caller gets its own objects,
# about thirty times quicker than parsing). A validation reads the same descriptor and schemas
# as the last one: :func:`load` parses them once. Small files only, the most recent ones.
_PARSED: OrderedDict[str, bytes] = OrderedDict()
_PARSED_KEPT = 256
_PARSED_MAX_CHARS = 1_000_000


def load(text: str) -> Any:
    """Parse officer-written YAML like ``yaml.safe_load``; raise YamlAliasError on ``&``/``*``.

    A file is first read with libyaml, about six times faster. Whatever it does not read
    cleanly (a syntax error, an anchor or alias) or may read differently (:data:`_UNSURE`) is
    read by the pure-Python loader, so every error is reported in its words and at its place.
    A text parsed before gives a fresh copy of what it gave then (:data:`_PARSED`).
    """
    kept = _PARSED.get(text)
    if kept is not None:
        return pickle.loads(kept)
    data = _parse(text)
    if len(text) <= _PARSED_MAX_CHARS:
        _PARSED[text] = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
        while len(_PARSED) > _PARSED_KEPT:
            _PARSED.popitem(last=False)
    return data


def _parse(text: str) -> Any:
    if _FastLoader is not None and not _UNSURE.search(text):
        try:
            return _fast_load(text)
        except (yaml.YAMLError, _Refused):
            pass
    return yaml.load(text, Loader=_NoAliasLoader)  # a SafeLoader: no Python objects


class _Refused(Exception):
    """An anchor or alias met by the fast reader: the pure-Python one says where."""


def _fast_load(text: str) -> Any:
    for event in yaml.parse(text, Loader=_FastLoader):  # before anything is built
        if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent)
                                              and event.anchor is not None):
            raise _Refused
    return yaml.load(text, Loader=_FastLoader)
