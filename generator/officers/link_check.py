"""`kis linki`: do the clubs' web addresses and e-mail domains still work?

Bounded and polite: only the hosts named in the register are contacted, at most
:data:`WORKERS` at a time, one request per host at a time and at least ``pause`` seconds apart,
each with a timeout; HEAD first, GET only when HEAD is refused. Redirects are followed on the
same host only (a move to another host is reported, never requested). An e-mail domain is
checked in DNS: MX records, or an address record (RFC 5321's implicit MX). Results are values
(:class:`Finding`); :mod:`generator.officers.link_report` turns them into the weekly issues.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from generator.register.load import load_register

WORKERS = 4
USER_AGENT = (
    "rejestr-kis-linki/1.0 (sprawdzanie adresow w rejestrze klubow integracji spolecznej; "
    "https://github.com/rejestr-kis)"
)
MAX_REDIRECTS = 5
# statuses after which HEAD is tried again as GET (servers that refuse or mishandle HEAD)
RETRY_WITH_GET = {400, 403, 405, 406, 429, 500, 501, 502, 503}
# the server answers but refuses robots: not a dead address, but worth a look by hand
REFUSED = {401, 403, 429}

# (host, port) -> (address to connect to, port); the identity in production
Address = Callable[[str, int], tuple[str, int]]
# e-mail domain -> None when it accepts mail, else the reason (a Finding.kind)
MailLookup = Callable[[str], str | None]


@dataclass(frozen=True)
class Target:
    """One address from the register: a club's www or e-mail."""

    voivodeship: str
    club: str  # klub_id
    name: str  # the club's name
    column: str  # "www" or "email"
    value: str  # the URL or the e-mail address
    path: str  # the CSV file, as shown to officers
    line: int
    position: int = 0  # the column's 1-based position in the file

    @property
    def host(self) -> str:
        if self.column == "email":
            return self.value.rpartition("@")[2].strip().lower().rstrip(".")
        return (urlsplit(self.value).hostname or "").lower()


@dataclass(frozen=True)
class Finding:
    """What one target's check found. ``kind``: ok, moved, refused, or a kind of dead."""

    target: Target
    kind: str
    status: int = 0  # the last HTTP status, 0 when there was none
    detail: str = ""  # the new address (moved) or the error's text

    @property
    def dead(self) -> bool:
        return self.kind not in ("ok", "moved", "refused")


@dataclass(frozen=True)
class Voivodeship:
    slug: str
    name: str  # "pomorskie"
    locative: str  # "pomorskim"


def voivodeships(root: Path) -> list[Voivodeship]:
    """The voivodeships with a clubs' file in the register, in the dictionary's order."""
    raw = load_register(root)
    present = {t.voivodeship for t in raw.of_kind("kluby")}
    found = [
        Voivodeship(row["slug"], row.get("nazwa", row["slug"]),
                    row.get("nazwa_miejscownik", row["slug"]))
        for table in raw.of_kind("wojewodztwa") for row in table.rows
        if row.get("slug") in present
    ]
    named = {v.slug for v in found}
    return found + [Voivodeship(s, s, s) for s in sorted(present - named) if s]


def targets(root: Path) -> list[Target]:
    """Every www and e-mail of every club in the register at ``root``, in file order."""
    raw = load_register(root)
    found: list[Target] = []
    for table in sorted(raw.of_kind("kluby"), key=lambda t: t.voivodeship or ""):
        for row, line in zip(table.rows, table.lines, strict=False):
            for column in ("www", "email"):
                value = (row.get(column) or "").strip()
                if value:
                    found.append(
                        Target(
                            table.voivodeship or "",
                            row.get("klub_id", ""),
                            row.get("nazwa", ""),
                            column,
                            value,
                            table.display,
                            line,
                            table.column(column),
                        )
                    )
    return found


def same_address(host: str, port: int) -> tuple[str, int]:
    return host, port


def _connection(
    scheme: str, host: str, port: int, timeout: float, address: Address
) -> http.client.HTTPConnection:
    if scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
    where = address(host, port)

    def connect(_: object, timeout: float | None = None, source: object = None) -> socket.socket:
        return socket.create_connection(where, timeout)

    conn._create_connection = connect  # type: ignore[attr-defined]  # resolve our way
    return conn


@dataclass
class Pacer:
    """At most one request per host every ``pause`` seconds."""

    pause: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep

    def __post_init__(self) -> None:
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        with self._lock:
            last = self._last.get(host)
        if last is not None:
            delay = last + self.pause - self.clock()
            if delay > 0:
                self.sleep(delay)
        with self._lock:
            self._last[host] = self.clock()


@dataclass
class Checker:
    """Checks targets; the network is reached only through ``address`` and ``mail``."""

    timeout: float = 15.0
    pause: float = 2.0
    address: Address = same_address
    mail: MailLookup | None = None

    def __post_init__(self) -> None:
        self.pacer = Pacer(self.pause)
        self._mail_cache: dict[str, str | None] = {}

    def request(self, method: str, url: str) -> tuple[int, str]:
        """One request: (status, Location header)."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower()
        port = parts.port or (443 if scheme == "https" else 80)
        self.pacer.wait(host)
        conn = _connection(scheme, host, port, self.timeout, self.address)
        try:
            path = parts.path or "/"
            if parts.query:
                path += "?" + parts.query
            conn.request(
                method,
                path,
                headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.8"},
            )
            response = conn.getresponse()
            status = response.status
            location = response.getheader("Location") or ""
            if method == "GET":
                response.read(65536)  # enough to be a polite client; the page is not kept
            return status, location
        finally:
            conn.close()

    def check_url(self, target: Target) -> Finding:
        url = target.value
        if urlsplit(url).scheme.lower() not in ("http", "https") or not target.host:
            return Finding(target, "bad-address")
        first = target.host
        for _ in range(MAX_REDIRECTS + 1):
            try:
                status, location = self.request("HEAD", url)
                if status in RETRY_WITH_GET:
                    status, location = self.request("GET", url)
            except TimeoutError:
                return Finding(target, "timeout")
            except socket.gaierror as err:
                return Finding(target, "no-host", detail=str(err))
            except ssl.SSLError as err:
                return Finding(target, "tls", detail=str(err))
            except (OSError, http.client.HTTPException) as err:
                return Finding(target, "no-connection", detail=str(err) or type(err).__name__)
            if status in (301, 302, 303, 307, 308) and location:
                nxt = urljoin(url, location)
                host = (urlsplit(nxt).hostname or "").lower()
                if host.removeprefix("www.") != first.removeprefix("www."):  # not requested
                    kind = "moved" if status in (301, 308) else "ok"
                    return Finding(target, kind, status, nxt)
                url = nxt
                continue
            if status < 400:
                return Finding(target, "ok", status)
            if status in REFUSED:
                return Finding(target, "refused", status)
            return Finding(target, "not-found" if status in (404, 410) else "http-error", status)
        return Finding(target, "redirect-loop", detail=url)

    def check_mail(self, target: Target) -> Finding:
        domain = target.host
        if not domain or "." not in domain:
            return Finding(target, "bad-address")
        if domain not in self._mail_cache:
            self._mail_cache[domain] = (self.mail or dns_mail_lookup(self.timeout))(domain)
        reason = self._mail_cache[domain]
        return Finding(target, "ok") if reason is None else Finding(target, reason, detail=domain)

    def check(self, items: Iterable[Target]) -> list[Finding]:
        """Every target checked, in the order given; hosts in parallel, each host in turn."""
        items = list(items)
        by_host: dict[tuple[str, str], list[int]] = {}
        for i, t in enumerate(items):
            by_host.setdefault((t.column, t.host), []).append(i)
        results: list[Finding | None] = [None] * len(items)

        def run(indices: list[int]) -> None:
            seen: dict[str, Finding] = {}
            for i in indices:
                t = items[i]
                key = t.value.strip().lower()
                if key not in seen:
                    seen[key] = self.check_mail(t) if t.column == "email" else self.check_url(t)
                f = seen[key]
                results[i] = Finding(t, f.kind, f.status, f.detail)

        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            list(pool.map(run, by_host.values()))
        return [r for r in results if r is not None]


def dns_mail_lookup(timeout: float) -> MailLookup:
    """MX lookup with dnspython; an address record counts when there is no MX (RFC 5321)."""
    import dns.exception
    import dns.resolver

    resolver = dns.resolver.Resolver()
    resolver.lifetime = timeout

    def lookup(domain: str) -> str | None:
        try:
            answer = resolver.resolve(domain, "MX")
            exchanges = [str(r.exchange).rstrip(".") for r in answer]
            if exchanges == [""]:  # a null MX (RFC 7505): the domain takes no mail
                return "no-mail"
            return None
        except dns.resolver.NXDOMAIN:
            return "no-domain"
        except dns.resolver.NoAnswer:
            pass
        except (dns.resolver.NoNameservers, dns.exception.Timeout):
            return "dns-error"
        for kind in ("A", "AAAA"):
            try:
                resolver.resolve(domain, kind)
                return None
            except (dns.resolver.NoAnswer, dns.resolver.NXDOMAIN):
                continue
            except (dns.resolver.NoNameservers, dns.exception.Timeout):
                return "dns-error"
        return "no-mail"

    return lookup
