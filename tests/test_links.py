"""`kis linki`: live, dead, moved and silent hosts on 127.0.0.1; the weekly issues' text and
their create / update / close through the API."""

from __future__ import annotations

import csv
import io
import itertools
import json
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import dns.exception
import dns.resolver
import pytest

from generator.cli import main as kis
from generator.messages import CATALOGUE
from generator.officers import github, link_check, link_report
from generator.officers.link_check import Checker, Finding, Pacer, Target, Voivodeship
from tests.registers import make_base

SEEN: list[tuple[str, str, str, float]] = []  # host, method, user agent, time
ACTIVE = {"now": 0, "most": 0}
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    """One server, many hosts: the Host header decides what it answers."""

    def _answer(self, method: str) -> None:
        host = (self.headers.get("Host") or "").split(":")[0]
        busy = host.startswith("busy")  # counted: requests in flight at once
        with LOCK:
            SEEN.append((host, method, self.headers.get("User-Agent", ""), time.monotonic()))
            ACTIVE["now"] += busy
            ACTIVE["most"] = max(ACTIVE["most"], ACTIVE["now"])
        try:
            status, headers = self._route(host, method)
        finally:  # before the answer leaves: its client may ask again at once
            with LOCK:
                ACTIVE["now"] -= busy
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _route(self, host: str, method: str) -> tuple[int, dict[str, str]]:
        port = self.server.server_address[1]
        if host == "slow.test":
            time.sleep(1.5)
            return 200, {}
        if host.startswith("busy"):
            time.sleep(0.2)
            return 200, {}
        if host == "dead.test":
            return 404, {}
        if host == "broken.test":
            return 500, {}
        if host == "nohead.test":
            return (405, {}) if method == "HEAD" else (200, {})
        if host == "robots.test":
            return 403, {}
        if host == "moved.test":
            return 301, {"Location": "https://nowy-adres.example/kis"}
        if host == "https.test" and self.path == "/stara":
            return 301, {"Location": f"http://https.test:{port}/nowa"}
        if host == "loop.test":
            return 302, {"Location": "/" if self.path != "/" else "/a"}
        return 200, {}

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[int]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def local(port: int) -> link_check.Address:
    """Every *.test host is this machine; any other name does not exist."""

    def address(host: str, _port: int) -> tuple[str, int]:
        if not host.endswith(".test"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return "127.0.0.1", port

    return address


def target(url: str, column: str = "www", line: int = 2) -> Target:
    return Target("pomorskie", "klub", "Klub „Przystań”", column, url,
                  "register/wojewodztwa/pomorskie/kluby.csv", line, 14)


def check(port: int, *urls: str, pause: float = 0.0) -> list[Finding]:
    SEEN.clear()
    checker = Checker(timeout=0.5, pause=pause, address=local(port), mail=lambda d: None)
    return checker.check([target(f"http://{u}:{port}" if "/" not in u else u) for u in urls])


def test_live_dead_and_silent_hosts_are_told_apart(server: int) -> None:
    found = check(server, "live.test", "dead.test", "broken.test", "slow.test", "gone.example")
    assert [(f.kind, f.status) for f in found] == [
        ("ok", 200), ("not-found", 404), ("http-error", 500), ("timeout", 0), ("no-host", 0)]
    assert [f.dead for f in found] == [False, True, True, True, True]
    # only hosts from the register were asked, and the project is named
    assert {h for h, *_ in SEEN} <= {"live.test", "dead.test", "broken.test", "slow.test"}
    assert all(ua.startswith("rejestr-kis") for _, _, ua, _ in SEEN)


def test_head_first_then_get_when_head_is_refused(server: int) -> None:
    (ok,) = check(server, "nohead.test")
    assert ok.kind == "ok"
    assert [m for _, m, *_ in SEEN] == ["HEAD", "GET"]
    (refused,) = check(server, "robots.test")
    assert (refused.kind, refused.status, refused.dead) == ("refused", 403, False)


def test_redirects_are_followed_on_the_same_host_only(server: int) -> None:
    (same,) = check(server, f"http://https.test:{server}/stara")
    assert (same.kind, same.status) == ("ok", 200)
    (moved,) = check(server, "moved.test")
    assert (moved.kind, moved.detail) == ("moved", "https://nowy-adres.example/kis")
    assert "nowy-adres.example" not in {h for h, *_ in SEEN}  # reported, never requested
    (loop,) = check(server, "loop.test")
    assert loop.kind == "redirect-loop" and loop.dead


def test_one_host_is_asked_at_intervals_and_at_most_four_hosts_at_once(server: int) -> None:
    ACTIVE["most"] = 0
    check(server, *(f"busy{i}.test" for i in range(10)))
    assert 2 <= ACTIVE["most"] <= link_check.WORKERS == 4  # in parallel, but boundedly
    # The pacer's own clock, not the server's arrival times (those shift with the machine's
    # load): a virtual clock that only sleeping moves, stamped when each request may start.
    now, starts = [0.0], []
    checker = Checker(timeout=0.5, pause=0.3, address=local(server), mail=lambda d: None)
    checker.pacer = Pacer(0.3, clock=lambda: now[0],
                          sleep=lambda s: now.__setitem__(0, now[0] + s))
    wait = checker.pacer.wait

    def stamped(host: str) -> None:
        wait(host)
        starts.append((host, now[0]))

    checker.pacer.wait = stamped  # type: ignore[method-assign]
    SEEN.clear()
    checker.check([target(f"http://nohead.test:{server}/{p}") for p in "ab"])
    assert len(SEEN) == 4 and len(starts) == 4  # HEAD and GET for each, all through the pacer
    assert all(b - a >= 0.3 - 1e-9 for (_, a), (_, b) in itertools.pairwise(starts))
    real = Pacer(1)  # the checker's own pacer runs on the real clock and really sleeps
    assert (real.clock, real.sleep) == (time.monotonic, time.sleep)


def test_the_same_address_twice_is_checked_once(server: int) -> None:
    found = check(server, "live.test", "live.test")
    assert [f.kind for f in found] == ["ok", "ok"] and len(SEEN) == 1


def test_mail_domains_are_looked_up_once_each() -> None:
    asked: list[str] = []

    def mail(domain: str) -> str | None:
        asked.append(domain)
        return None if domain == "gmina.pl" else "no-domain"

    checker = Checker(pause=0, mail=mail)
    found = checker.check([target("kis@gmina.pl", "email"), target("ops@Gmina.pl", "email"),
                           target("kis@nie-ma.pl", "email"), target("kis-bez-domeny", "email")])
    assert [f.kind for f in found] == ["ok", "ok", "no-domain", "bad-address"]
    assert sorted(asked) == ["gmina.pl", "nie-ma.pl"]


class Answer(list[Any]):
    pass


def test_dns_lookup_reads_mx_null_mx_and_address_records(monkeypatch: pytest.MonkeyPatch) -> None:
    records = {
        ("poczta.pl", "MX"): [type("MX", (), {"exchange": "mx.poczta.pl."})()],
        ("nullmx.pl", "MX"): [type("MX", (), {"exchange": "."})()],
        ("tylko-a.pl", "A"): ["192.0.2.1"],
    }
    names = {name for name, _ in records}

    def resolve(self: object, name: str, kind: str) -> Answer:
        if name not in names:
            raise dns.resolver.NXDOMAIN
        if (name, kind) not in records:
            raise dns.resolver.NoAnswer
        return Answer(records[name, kind])

    monkeypatch.setattr(dns.resolver.Resolver, "resolve", resolve)
    lookup = link_check.dns_mail_lookup(1.0)
    assert lookup("poczta.pl") is None
    assert lookup("nullmx.pl") == "no-mail"
    assert lookup("tylko-a.pl") is None  # RFC 5321: no MX, an address record takes the mail
    assert lookup("nie-ma.pl") == "no-domain"


def _register(tmp_path: Path, port: int) -> Path:
    root = make_base(tmp_path / "register")
    path = root / "wojewodztwa" / "pomorskie" / "kluby.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0]["www"] = f"http://live.test:{port}/kis"
    rows[1]["www"] = f"http://dead.test:{port}/"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return root


def test_targets_name_file_row_and_column(tmp_path: Path, server: int) -> None:
    root = _register(tmp_path, server)
    found = [t for t in link_check.targets(root) if t.voivodeship == "pomorskie"]
    assert [(t.club, t.column, t.line) for t in found] == [
        ("gdansk-przymorze", "www", 2), ("gdansk-przymorze", "email", 2),
        ("kolbudy", "www", 3), ("kolbudy", "email", 3)]
    header = (root / "wojewodztwa/pomorskie/kluby.csv").read_text().splitlines()[0].split(",")
    assert all(t.position == header.index(t.column) + 1 for t in found)
    assert [v.slug for v in link_check.voivodeships(root)][:2] == ["dolnoslaskie",
                                                                    "kujawsko-pomorskie"]


def test_issue_lists_what_is_dead_and_closes_when_all_work() -> None:
    v = Voivodeship("pomorskie", "pomorskie", "pomorskim")
    dead = Finding(target("https://stara-strona.pl"), "not-found", 404)
    moved = Finding(target("https://kis.pl", line=3), "moved", 301, "https://nowy.pl/")
    found = link_report.problems([dead, moved, Finding(target("https://ok.pl"), "ok")], 15)
    assert [p.code for p in found] == ["link-not-found", "link-moved"]
    assert (found[0].path, found[0].line, found[0].column, found[0].field) == (
        "register/wojewodztwa/pomorskie/kluby.csv", 2, 14, "www")
    names = {(dead.target.path, 2): "Klub „Przystań” *gwiazdka*"}
    title, body, is_open = link_report.issue(v, found, names, 12, date(2026, 12, 7))
    assert is_open
    assert title == "Niedziałające adresy klubów – województwo pomorskie"
    assert body.startswith("<!-- kis-linki:pomorskie -->\n")
    assert "7 grudnia 2026 r." in body and "sprawdzono 12 adresów, 1 nie działa i 1 strona " \
        "przeniosła się pod inny adres." in body
    assert "### Nie działają\n\n- **Klub „Przystań” \\*gwiazdka\\***, " in body
    assert "wiersz 2, kolumna „www”: strony https://stara-strona.pl już nie ma (błąd HTTP 404)" \
        in body
    assert "### Do sprawdzenia" in body and "https://nowy.pl/" in body
    assert "`kis linki --wojewodztwo pomorskie`" in body
    _, body, is_open = link_report.issue(v, [], {}, 12, date(2026, 12, 7))
    assert not is_open and "wszystkie działają" in body


class FakeAPI:
    """Issues in memory, behind the same calls as the REST API."""

    def __init__(self, issues: list[dict[str, Any]]) -> None:
        self.issues = issues
        self.calls: list[tuple[str, str, Any]] = []

    def __call__(self, method: str, url: str, body: Any, token: str) -> tuple[int, Any]:
        path = url.removeprefix(github.API)
        self.calls.append((method, path, body))
        if method == "GET" and "/issues?" in path:
            assert "creator=github-actions%5Bbot%5D" in path and "state=open" in path
            return 200, [i for i in self.issues if i["state"] == "open"]
        if method == "POST" and path.endswith("/issues"):
            made = {"number": 100 + len(self.issues), "state": "open", **body}
            self.issues.append(made)
            return 201, made
        number = int(path.split("/issues/")[1].split("/")[0])
        issue = next(i for i in self.issues if i["number"] == number)
        if method == "PATCH":
            issue.update(body)
        return 200, issue


def test_one_issue_per_voivodeship_is_created_updated_and_closed(tmp_path: Path) -> None:
    def item(slug: str, is_open: bool, text: str = "") -> dict[str, Any]:
        marker = link_report.MARKER.format(slug=slug)
        return {"znacznik": marker, "tytul": f"Adresy {slug}", "tresc": f"{marker}\n{text}",
                "otwarte": is_open, "komentarz_zamkniecia": "Wszystko działa.\n"}

    old = [
        {"number": 1, "state": "open", "title": "Adresy lodzkie",
         "body": "<!-- kis-linki:lodzkie -->\nstare"},
        {"number": 2, "state": "open", "title": "Adresy opolskie",
         "body": "<!-- kis-linki:opolskie -->\nstare"},
        {"number": 3, "state": "open", "title": "Inne", "body": "<!-- kis-linki:slaskie -->",
         "pull_request": {}},
    ]
    api = FakeAPI(old)
    gh = github.GitHub("urzad/rejestr", "t", api)
    (tmp_path / github.LINK_ISSUES_FILE).write_text(json.dumps({"zgloszenia": [
        item("pomorskie", True, "2 nie działają"), item("lodzkie", True, "1 nie działa"),
        item("opolskie", False), item("slaskie", False)]}), encoding="utf-8")
    done = github.sync_marked_issues(gh, tmp_path, github.LINK_ISSUES_FILE)
    assert done == {"<!-- kis-linki:pomorskie -->": "created",
                    "<!-- kis-linki:lodzkie -->": "updated",
                    "<!-- kis-linki:opolskie -->": "closed"}
    assert old[0]["body"].endswith("1 nie działa") and old[0]["state"] == "open"
    assert old[1]["state"] == "closed" and old[1]["state_reason"] == "completed"
    assert ("POST", "/repos/urzad/rejestr/issues/2/comments", {"body": "Wszystko działa.\n"}) \
        in api.calls
    assert old[-1]["body"].endswith("2 nie działają")
    # a pull request with a marker is not the voivodeship's issue; nothing touched it
    assert not any("/issues/3" in path for _, path, _ in api.calls)


def test_sync_refuses_an_issue_without_its_marker(tmp_path: Path) -> None:
    gh = github.GitHub("urzad/rejestr", "t", FakeAPI([]))
    (tmp_path / github.LINK_ISSUES_FILE).write_text(json.dumps({"zgloszenia": [{
        "znacznik": "<!-- kis-linki:pomorskie -->", "tytul": "x", "tresc": "bez znacznika",
        "otwarte": True, "komentarz_zamkniecia": ""}]}), encoding="utf-8")
    with pytest.raises(ValueError, match="marker"):
        github.sync_marked_issues(gh, tmp_path, github.LINK_ISSUES_FILE)


def test_kis_linki_reports_and_writes_the_issues(
    tmp_path: Path, server: int, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = _register(tmp_path, server)
    monkeypatch.setattr(link_check.Checker, "__init__", _quick_init(link_check.Checker.__init__,
                                                                    server))
    code = kis(["linki", str(root), "--wojewodztwo", "pomorskie", "--wynik",
                str(tmp_path / "wynik"), "--odstep", "0", "--limit-czasu", "1"])
    out = capsys.readouterr().out
    assert code == 0
    assert "pomorskie/kluby.csv:3:14: strony" in out and "(błąd HTTP 404)" in out
    assert "Sprawdzono 4 adresy: 1 nie działa." in out
    data = json.loads((tmp_path / "wynik" / link_report.ISSUES_FILE).read_text())
    (only,) = data["zgloszenia"]
    assert only["znacznik"] == "<!-- kis-linki:pomorskie -->" and only["otwarte"]
    assert kis(["linki", str(root), "--wojewodztwo", "pomorze"]) == 2
    assert github.LINK_ISSUES_FILE == link_report.ISSUES_FILE


def _quick_init(original: Any, port: int) -> Any:
    def init(self: Checker, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.address = local(port)
        self.mail = lambda domain: None

    return init


def test_every_link_code_is_produced(server: int, monkeypatch: pytest.MonkeyPatch) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    free = closed.getsockname()[1]
    closed.close()

    def address(host: str, port: int) -> tuple[str, int]:
        return ("127.0.0.1", free) if host == "closed.test" else local(server)(host, port)

    def resolve(self: object, name: str, kind: str) -> Answer:
        if name == "wolno.pl":
            raise dns.exception.Timeout
        if name == "nullmx.pl" and kind == "MX":
            return Answer([type("MX", (), {"exchange": "."})()])
        raise dns.resolver.NXDOMAIN

    monkeypatch.setattr(dns.resolver.Resolver, "resolve", resolve)
    urls = ["live.test", "dead.test", "broken.test", "slow.test", "gone.example", "robots.test",
            "moved.test", "loop.test", "closed.test"]
    items = [target(f"http://{u}:{server}/") for u in urls]
    items += [target(f"https://tls.test:{server}/"), target("ftp://plik.test/"),
              target("kis@nie-ma.pl", "email"), target("kis@nullmx.pl", "email"),
              target("kis@wolno.pl", "email")]
    checker = Checker(timeout=0.5, pause=0, address=address)
    found = link_report.problems(checker.check(items), 0.5)
    codes = {p.code for p in found}
    assert codes == {c for c in CATALOGUE if c.startswith("link-")}
    assert all(p.message and p.hint and "{" not in p.message + p.hint for p in found)
