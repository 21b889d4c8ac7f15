"""The ``kis`` command: a thin layer of argument parsing over :mod:`generator`.

Exit codes: 0 success, 1 invalid register or failed build, 2 usage error;
an interrupted build exits with 128 + the signal's number (130 for Ctrl+C).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from generator import argparse_pl
from generator.polish import plural
from generator.problems import terminal_safe
from generator.validation import report as report_format

FORMATS = ("text", "json", "github")


def default_as_of() -> date:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def as_of_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"„{value}” nie jest datą w postaci RRRR-MM-DD, np. 2026-01-31") from None


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", type=as_of_arg, default=None, metavar="RRRR-MM-DD",
                        help="dzień, na który liczone są statusy (domyślnie SOURCE_DATE_EPOCH "
                             "albo dzisiaj)")


def make_parser() -> argparse.ArgumentParser:
    argparse_pl.install()
    parser = argparse.ArgumentParser(
        prog="kis",
        description="Rejestr certyfikowanych klubów integracji społecznej: walidacja danych "
                    "i budowa strony.",
    )
    sub = parser.add_subparsers(dest="command", metavar="POLECENIE", required=True)

    p = sub.add_parser("validate", help="sprawdź rejestr i wypisz wszystkie problemy",
                       description="Sprawdza pakiet danych rejestru i wypisuje wszystkie "
                                   "problemy z plikiem, wierszem i kolumną.")
    p.add_argument("path", nargs="?", default="register", type=Path, metavar="ŚCIEŻKA",
                   help="folder z plikiem datapackage.yaml (domyślnie register)")
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="postać wyniku: text (dla ludzi), json, github (adnotacje GitHub Actions)")
    p.add_argument("--baza", default=None, metavar="WERSJA",
                   help="wersja rejestru sprzed zmiany (np. origin/main): powtórzony "
                        "identyfikator klubu jest wtedy zgłaszany w pliku, do którego go dodano")
    _common(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("build", help="sprawdź rejestr i zbuduj stronę",
                       description="Sprawdza rejestr i buduje stronę do folderu wyjściowego. "
                                   "Poprzednia strona zostaje podmieniona dopiero po udanej "
                                   "budowie.")
    p.add_argument("--register", default="register", type=Path, metavar="ŚCIEŻKA",
                   help="folder rejestru (domyślnie register)")
    p.add_argument("--out", default="site", type=Path, metavar="FOLDER",
                   help="folder wyjściowy strony (domyślnie site)")
    p.add_argument("--cache", type=Path, metavar="FOLDER",
                   help="folder pamięci podręcznej (gotowe pliki PDF); domyślnie zmienna "
                        "KIS_CACHE_DIR albo ~/.cache/rejestr-kis")
    p.add_argument("--format", choices=("text", "github"), default="text",
                   help="postać wyniku walidacji: text (dla ludzi) albo github (adnotacje "
                        "GitHub Actions)")
    p.add_argument("--baza", default=None, metavar="WERSJA",
                   help="wersja rejestru sprzed zmiany (np. origin/main), jak w kis validate")
    p.add_argument("--wynik-walidacji", type=Path, default=None, metavar="PLIK",
                   help="zapisz też wynik walidacji (JSON) do PLIKU, także gdy strona nie "
                        "powstanie")
    _common(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", help="podgląd strony na żywo podczas edycji",
                       description="Buduje stronę i serwuje ją lokalnie pod adresem "
                                   "http://127.0.0.1:PORT/. Po zmianie wierszy w plikach CSV "
                                   "województwa strona zmienionego klubu jest gotowa po około "
                                   "sekundzie, a cała strona (listy, mapy, dane, PDF) – po pełnej "
                                   "budowie w tle. Po zmianie słowników, schematów, szablonów lub "
                                   "formularzy strona jest budowana od nowa.")
    p.add_argument("--register", default="register", type=Path, metavar="ŚCIEŻKA",
                   help="folder rejestru (domyślnie register)")
    p.add_argument("--port", type=int, default=8000, help="port (domyślnie 8000)")
    _common(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("diff", help="podsumuj zmiany w rejestrze między dwiema wersjami",
                       description="Porównuje rejestr w dwóch wersjach repozytorium git i wypisuje "
                                   "podsumowanie w Markdown: kluby dodane, usunięte i zmienione, "
                                   "nowe zdarzenia, usługi i zmiany statusów, z podziałem na "
                                   "województwa.")
    p.add_argument("base", metavar="PRZED", help="wersja przed zmianą, np. origin/main")
    p.add_argument("head", nargs="?", default=None, metavar="PO",
                   help="wersja po zmianie, np. HEAD (domyślnie pliki na dysku, jak git diff)")
    p.add_argument("--register", default="register", type=Path, metavar="ŚCIEŻKA",
                   help="folder rejestru (domyślnie register)")
    p.add_argument("--walidacja", type=Path, default=None, metavar="PLIK",
                   help="wynik walidacji wersji po zmianie (JSON zapisany przez kis build "
                        "--wynik-walidacji albo kis validate --format json): rejestr po "
                        "zmianie nie jest wtedy sprawdzany drugi raz")
    _common(p)
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("zgloszenie", help="przenieś zgłoszenie z formularza do plików rejestru",
                       description="Czyta treść zgłoszenia z formularza „Zmiana w rejestrze” "
                                   "(plik albo - dla wejścia standardowego), dopisuje lub zmienia "
                                   "wiersze plików CSV właściwego województwa i sprawdza rejestr. "
                                   "Gdy wynik ma błędy, nie zapisuje niczego.")
    p.add_argument("body", metavar="PLIK", help="plik z treścią zgłoszenia albo - (stdin)")
    p.add_argument("--register", default="register", type=Path, metavar="ŚCIEŻKA",
                   help="folder rejestru (domyślnie register)")
    p.add_argument("--check", action="store_true",
                   help="tylko sprawdź zgłoszenie, nie zapisuj plików")
    p.add_argument("--odpowiedz", type=Path, default=None, metavar="PLIK",
                   help="zapisz też odpowiedź pod zgłoszeniem (Markdown) do PLIKU; kod wyjścia "
                        "jest wtedy 0, gdy odpowiedź zapisano, także dla błędnego zgłoszenia")
    _common(p)
    p.set_defaults(func=cmd_zgloszenie)

    p = sub.add_parser("popraw", help="przywróć zapis rejestru w plikach zapisanych w arkuszu",
                       description="Przywraca zapis rejestru w plikach CSV zapisanych "
                                   "w arkuszu: UTF-8 bez BOM, końce wierszy LF, przecinki, daty "
                                   "RRRR-MM-DD, kody z zerami na początku, kropki dziesiętne. "
                                   "Nie zmienia kolejności ani treści wierszy; plików, które "
                                   "tego nie wymagają, nie zmienia.")
    p.add_argument("path", nargs="?", default="register", type=Path, metavar="ŚCIEŻKA",
                   help="folder rejestru albo jeden jego plik CSV (domyślnie register)")
    p.add_argument("--check", action="store_true",
                   help="tylko wypisz, co trzeba poprawić, nie zapisuj plików (kod wyjścia 1, "
                        "gdy coś wymaga poprawy)")
    p.set_defaults(func=cmd_popraw)

    p = sub.add_parser("import", help="wpisz do rejestru kluby z arkusza urzędu",
                       description="Czyta dotychczasowy rejestr klubów prowadzony przez urząd "
                                   "w arkuszu (.xlsx, .ods albo .csv w dowolnym zapisie), "
                                   "rozpoznaje kolumny po polskich nazwach i dopisuje kluby – "
                                   "a gdy arkusz ma numer i datę wydania certyfikatu, także "
                                   "certyfikaty – do plików wskazanego województwa. Przy każdym "
                                   "wierszu mówi, czego jeszcze brakuje. Wszystko albo nic: gdy "
                                   "rejestr po imporcie miałby błędy, nie zapisuje niczego.")
    p.add_argument("sheet", type=Path, metavar="PLIK",
                   help="arkusz z klubami: .xlsx, .xls, .ods albo .csv")
    p.add_argument("--wojewodztwo", required=True, metavar="WOJEWÓDZTWO",
                   help="folder województwa w register/wojewodztwa, np. pomorskie")
    p.add_argument("--register", default="register", type=Path, metavar="ŚCIEŻKA",
                   help="folder rejestru (domyślnie register)")
    p.add_argument("--mapowanie", type=Path, default=None, metavar="PLIK.yaml",
                   help="plik YAML z nietypowymi nazwami kolumn, np. „kolumny: {Nazwa KIS: "
                        "nazwa}”")
    p.add_argument("--check", action="store_true",
                   help="tylko sprawdź arkusz i pokaż, co zostałoby dopisane; nie zapisuj plików")
    _common(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("raport", help="zapisz raport roczny (PDF) dla kraju albo województwa",
                       description="Zapisuje raport roczny certyfikacji – liczby roku, czas "
                                   "procedur, listy wydanych, przedłużonych i cofniętych "
                                   "certyfikatów i odmów – taki sam jak na stronie "
                                   "/statystyki/raporty/, zanim strona zostanie opublikowana.")
    p.add_argument("year", type=int, metavar="ROK", help="zakończony rok, np. 2025")
    p.add_argument("--wojewodztwo", default="polska", metavar="WOJEWÓDZTWO",
                   help="folder województwa w register/wojewodztwa, np. pomorskie (domyślnie "
                        "cały kraj)")
    p.add_argument("--out", type=Path, default=None, metavar="PLIK",
                   help="plik wynikowy: .pdf albo .html (domyślnie raport-kis-ROK-ZAKRES.pdf)")
    p.add_argument("--register", default="register", type=Path, metavar="ŚCIEŻKA",
                   help="folder rejestru (domyślnie register)")
    p.add_argument("--cache", type=Path, metavar="FOLDER",
                   help="folder pamięci podręcznej (gotowe pliki PDF); domyślnie zmienna "
                        "KIS_CACHE_DIR albo ~/.cache/rejestr-kis")
    _common(p)
    p.set_defaults(func=cmd_raport)

    p = sub.add_parser("linki", help="sprawdź, czy strony www i adresy e-mail klubów działają",
                       description="Sprawdza strony www klubów (zapytanie HEAD, a gdy serwer go "
                                   "nie obsługuje – GET) i domeny ich adresów e-mail (rekordy MX "
                                   "w DNS). Łączy się tylko z serwerami z rejestru, najwyżej "
                                   "z 4 naraz i z każdym co najmniej co kilka sekund. Wypisuje "
                                   "adresy, które nie działają, z plikiem, wierszem i kolumną; "
                                   "kod wyjścia jest 0 także wtedy.")
    p.add_argument("path", nargs="?", default="register", type=Path, metavar="ŚCIEŻKA",
                   help="folder rejestru (domyślnie register)")
    p.add_argument("--wojewodztwo", default=None, metavar="WOJEWÓDZTWO",
                   help="tylko kluby województwa (folder w register/wojewodztwa, np. pomorskie)")
    p.add_argument("--wynik", type=Path, default=None, metavar="FOLDER",
                   help="zapisz też treść zgłoszeń województw (dla cotygodniowego sprawdzenia "
                        "w GitHub Actions) do FOLDERU")
    p.add_argument("--limit-czasu", type=float, default=15.0, metavar="SEKUNDY",
                   help="jak długo czekać na odpowiedź serwera (domyślnie 15 s)")
    p.add_argument("--odstep", type=float, default=2.0, metavar="SEKUNDY",
                   help="najkrótszy odstęp między zapytaniami do jednego serwera (domyślnie 2 s)")
    p.set_defaults(func=cmd_linki)
    return parser


def cmd_validate(args: argparse.Namespace) -> int:
    from generator.validation.validate import validate

    as_of = args.as_of or default_as_of()
    base_clubs = None
    if args.baza is not None:
        from generator.officers.git_revisions import GitError, clubs_at

        try:
            base_clubs = clubs_at(args.path, args.baza)
        except GitError as err:
            sys.stderr.write(f"kis validate: błąd: {err}\n")
            return 2
    report = validate(args.path, as_of, base_clubs)
    out = report_format.format_problems(report.problems, args.format, as_of,
                               clubs=sum(len(t.rows) for t in report.raw.of_kind("kluby")))
    sys.stdout.write(out)
    return 0 if report.valid else 1


def cmd_build(args: argparse.Namespace) -> int:
    from generator.validation.validate import validate

    as_of = args.as_of or default_as_of()
    base_clubs = None
    if args.baza is not None:
        from generator.officers.git_revisions import GitError, clubs_at

        try:
            base_clubs = clubs_at(args.register, args.baza)
        except GitError as err:
            sys.stderr.write(f"kis build: błąd: {err}\n")
            return 2
    # once: the build reuses it; the builder is imported while a second process checks tables
    report = validate(args.register, as_of, base_clubs, meanwhile=_import_builder)
    from generator.site.signals import Interrupted, stopping_on_signals
    from generator.website import BuildFailed, build_site

    if args.wynik_walidacji is not None:
        args.wynik_walidacji.parent.mkdir(parents=True, exist_ok=True)
        args.wynik_walidacji.write_text(
            report_format.format_problems(report.problems, "json", as_of, clubs=0),
            encoding="utf-8")
    clubs = sum(len(t.rows) for t in report.raw.of_kind("kluby"))
    shown = report_format.format_problems(report.problems, args.format, as_of, clubs=clubs)
    if not report.valid:
        (sys.stdout if args.format == "github" else sys.stderr).write(shown)
        sys.stderr.write(f"Nie zbudowano strony; poprzednia zawartość {args.out}/ "
                         "pozostała bez zmian.\n")
        return 1
    if report.problems or args.format == "github":
        sys.stdout.write(shown)
    try:
        with stopping_on_signals():
            result = build_site(args.register, args.out, as_of, cache_dir=args.cache,
                                report=report)
    except Interrupted as err:  # the build has cleaned up after itself (workers, temp folders)
        if err.site_replaced:
            sys.stderr.write(f"Przerwano porządkowanie po budowie: nowa strona jest już w "
                             f"folderze {args.out}/; resztki poprzedniej strony usunie "
                             "następna budowa.\n")
        else:
            sys.stderr.write(f"Przerwano budowę strony; poprzednia zawartość {args.out}/ "
                             "pozostała bez zmian.\n")
        return err.exit_code
    except BuildFailed as err:
        sys.stderr.write(report_format.format_problems(err.problems, "text", as_of, clubs=0))
        sys.stderr.write(f"Nie zbudowano strony; poprzednia zawartość {args.out}/ "
                         "pozostała bez zmian.\n")
        return 1
    n = result.clubs
    print(f"Zbudowano stronę: {n} {plural(n, 'klub', 'kluby', 'klubów')}, stan na "
          f"{as_of.isoformat()}.")
    print(f"Strona jest w folderze {args.out.resolve()}/ — otwórz {args.out}/index.html "
          "albo uruchom „kis serve”.")
    if result.warnings:
        sys.stderr.write(report_format.problem_lines(list(result.warnings)))
    return 0


def _import_builder() -> None:
    import generator.website  # noqa: F401


def cmd_raport(args: argparse.Namespace) -> int:
    from generator.api import InvalidRegister, read_register
    from generator.parts.statistics.command import default_name, yearly_report
    from generator.site.context import SiteContext, default_cache_dir

    as_of = args.as_of or default_as_of()
    try:
        model = read_register(args.register, as_of)
    except InvalidRegister as err:
        sys.stderr.write(report_format.format_problems(err.problems, "text", as_of, clubs=0))
        return 1
    html = args.out is not None and args.out.suffix.lower() in (".html", ".htm")
    ctx = SiteContext(as_of=as_of, register_root=args.register,
                      cache_dir=args.cache or default_cache_dir())
    result = yearly_report(model, args.year, args.wojewodztwo, ctx, html=html)
    if not isinstance(result, bytes):
        sys.stderr.write(
            report_format.format_problems([result], "text", as_of, clubs=len(model.clubs)))
        return 1
    out = args.out or default_name(args.year, args.wojewodztwo)
    out.write_bytes(result)
    print(f"Zapisano raport za {args.year} rok: {out}")
    return 0


def cmd_linki(args: argparse.Namespace) -> int:
    from generator.officers import link_report
    from generator.officers.link_check import Checker, targets, voivodeships

    known = voivodeships(args.path)
    if args.wojewodztwo is not None and args.wojewodztwo not in {v.slug for v in known}:
        sys.stderr.write(f"kis linki: błąd: nie ma województwa „{terminal_safe(args.wojewodztwo)}”"
                         f"; podaj jedno z: {', '.join(v.slug for v in known)}\n")
        return 2
    chosen = [v for v in known if args.wojewodztwo in (None, v.slug)]
    slugs = {v.slug for v in chosen}
    items = [t for t in targets(args.path) if t.voivodeship in slugs]
    checker = Checker(timeout=args.limit_czasu, pause=args.odstep)
    findings = checker.check(items)
    found = link_report.problems(findings, args.limit_czasu)
    sys.stdout.write(terminal_safe(link_report.text(found, len(items))))
    if args.wynik is not None:
        link_report.write_issues(args.wynik, chosen, findings, args.limit_czasu,
                                 default_as_of())
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.website import serve

    return serve(args.register, args.port, args.as_of or default_as_of())


def cmd_diff(args: argparse.Namespace) -> int:
    from generator.officers.git_revisions import GitError, summary

    as_of, head_problems = args.as_of, None
    if args.walidacja is not None:  # the head was validated already (kis build): not again
        try:
            checked, head_problems = report_format.read_json(
                args.walidacja.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, report_format.ReportError) as err:
            sys.stderr.write(f"kis diff: błąd: nie można odczytać wyniku walidacji "
                             f"{terminal_safe(str(args.walidacja))}: {terminal_safe(str(err))}\n")
            return 2
        if as_of is not None and as_of != checked:
            sys.stderr.write(f"kis diff: błąd: wynik walidacji jest liczony na dzień "
                             f"{checked.isoformat()}, a nie {as_of.isoformat()}; podaj "
                             f"--as-of {checked.isoformat()} albo sprawdź rejestr ponownie\n")
            return 2
        as_of = checked
    try:
        text = summary(args.register, args.base, args.head, as_of or default_as_of(),
                       head_problems)
    except GitError as err:
        sys.stderr.write(f"kis diff: błąd: {err}\n")
        return 2
    sys.stdout.write(text)
    return 0


def cmd_zgloszenie(args: argparse.Namespace) -> int:
    from generator.officers import issue_reply
    from generator.officers.codeowners import PATH as CODEOWNERS
    from generator.officers.submission import SOURCE, submit
    from generator.register.load import load_register

    as_of = args.as_of or default_as_of()
    try:
        body = sys.stdin.read() if args.body == "-" else Path(args.body).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        sys.stderr.write(f"kis zgloszenie: błąd: nie można odczytać pliku {args.body}: {err}\n")
        return 2
    source = SOURCE if args.body == "-" else args.body
    outcome = submit(args.register, body, as_of, write=not args.check, source=source)
    raw = load_register(args.register)
    sys.stdout.write(terminal_safe(issue_reply.text(outcome, raw, as_of)))
    if args.odpowiedz is not None:
        owners = args.register.resolve().parent / CODEOWNERS
        text = owners.read_text(encoding="utf-8") if owners.is_file() else ""
        args.odpowiedz.write_text(issue_reply.markdown(outcome, raw, as_of, text, body),
                                  encoding="utf-8")
        return 0
    return 0 if outcome.accepted else 1


def cmd_popraw(args: argparse.Namespace) -> int:
    from generator.officers import canonical

    outcome = canonical.plan(args.path) if args.check else canonical.repair(args.path)
    print(canonical.describe(outcome, written=not args.check))
    found = outcome.repairs or outcome.untouched
    if outcome.refused or not found or (args.check and outcome.repairs):
        return 1
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from generator.officers.spreadsheet_import import (
        USAGE_CODES,
        import_spreadsheet,
        sheet_location,
    )
    from generator.problems import LEVELS

    as_of = args.as_of or default_as_of()
    outcome = import_spreadsheet(args.sheet, args.wojewodztwo, args.register, as_of,
                                 mapping=args.mapowanie, write=not args.check)
    usage = [p for p in outcome.problems if p.code in USAGE_CODES]
    if usage:
        sys.stderr.write("".join(f"kis import: błąd: {p}\n" for p in usage))
        return 2
    if outcome.header_rows[0]:
        first, last = outcome.header_rows
        rows = f"w wierszu {first}" if first == last else f"w wierszach {first}–{last}"
        sheet = f"arkusz „{outcome.sheet}”" if outcome.sheet else "plik"
        print(f"Czytam {sheet}: nazwy kolumn {rows}, dane od wiersza {last + 1}.")
    for p in outcome.problems:
        level = "" if p.blocking else f"{LEVELS[p.severity]}: "
        print(f"{sheet_location(p, outcome)}: {level}{p.message} — {p.hint}")
    if not outcome.valid:
        print("Nic nie zostało zapisane. Popraw arkusz (albo plik mapowania) i uruchom import "
              "ponownie.")
        return 1
    if not outcome.added:
        print("Nie ma nowych klubów do dopisania; nic nie zostało zapisane.")
        return 0
    print("Dopisano:" if outcome.written else "Arkusz jest poprawny; import dopisałby:")
    print("".join(f"- {c}\n" for c in outcome.changes), end="")
    for a in outcome.added:
        certificate = f", certyfikat {a.certificate}" if a.certificate else ""
        print(f"  wiersz {a.row} → {a.club_id}: {a.name}{certificate}")
    print(f"Rejestr po imporcie jest poprawny (stan na {as_of.isoformat()}).")
    if outcome.written:
        print("Przejrzyj zmiany (git diff) i zgłoś je w pull requeście.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    return int(args.func(args))



if __name__ == "__main__":
    sys.exit(main())
