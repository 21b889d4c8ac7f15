"""A built site served on 127.0.0.1 the way GitHub Pages serves it: gzip for text, 404.html.

Lighthouse weighs what goes over the wire, so text files are gzip-compressed (level 6, cached
in memory) when the browser accepts it, as GitHub Pages does; everything else is sent as is.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from tests import browser_support

TEXT = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".ics", ".atom",
        ".geojson", ".webmanifest", ".map"}
CACHE_CONTROL = "max-age=600"  # what GitHub Pages sends


class SiteHandler(browser_support.QuietHandler):
    """Static files from ``directory``; gzip for text when accepted; the site's own 404 page."""

    compressed: ClassVar[dict[Path, bytes]] = {}
    lock = threading.Lock()

    def _file(self) -> Path | None:
        root = Path(self.directory).resolve()
        path = (root / unquote(urlsplit(self.path).path).lstrip("/")).resolve()
        if root not in path.parents and path != root:
            return None
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    def _body(self, path: Path) -> tuple[bytes, bool]:
        data = path.read_bytes()
        if path.suffix not in TEXT or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return data, False
        with self.lock:
            if path not in self.compressed:
                self.compressed[path] = gzip.compress(data, compresslevel=6, mtime=0)
            return self.compressed[path], True

    def _send(self, head_only: bool) -> None:
        path = self._file()
        status = HTTPStatus.OK
        if path is None:
            status, path = HTTPStatus.NOT_FOUND, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(HTTPStatus.NOT_FOUND)
                return
        body, gzipped = self._body(path)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", CACHE_CONTROL)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def do_GET(self) -> None:
        self._send(head_only=False)

    def do_HEAD(self) -> None:
        self._send(head_only=True)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on a free port of 127.0.0.1 for the ``with`` block (the tests' server with
    this handler); yields the base URL, without a trailing slash."""
    try:
        with browser_support.serve(site, SiteHandler) as base:
            yield base.rstrip("/")
    finally:
        SiteHandler.compressed.clear()
