"""Every validation message the project can emit, in one place.

Each code maps to a pair of Polish templates: what is wrong, and how to fix it. Templates are
filled with ``str.format`` from the problem's parameters (``field`` is the column title or name).
``tests/test_messages.py`` checks that every code here is triggered by a fixture and documented.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # --- the data package descriptor -------------------------------------------------------
    "descriptor-missing": (
        "brak pliku opisu pakietu danych",
        "uruchom polecenie w folderze projektu albo podaj ścieżkę do folderu register",
    ),
    "descriptor-yaml": (
        "plik YAML jest niepoprawny: {detail}",
        "popraw składnię YAML (wcięcia spacjami, dwukropek po nazwie klucza)",
    ),
    "descriptor-not-mapping": (
        "plik YAML nie zawiera słownika kluczy",
        "przywróć plik z poprzedniej wersji w repozytorium",
    ),
    "descriptor-unknown-key": (
        "nieznany klucz „{key}” w opisie {where}",
        "usuń klucz albo popraw literówkę; dozwolone klucze: {allowed}",
    ),
    "descriptor-missing-key": (
        "brak wymaganego klucza „{key}” w opisie {where}",
        "dodaj klucz „{key}”",
    ),
    "descriptor-bad-value": (
        "klucz „{key}” w opisie {where} ma niepoprawną wartość „{value}”",
        "wpisz {expected}",
    ),
    "descriptor-path-outside": (
        "ścieżka „{value}” w opisie zasobu „{resource}” wskazuje poza folder rejestru",
        "podaj ścieżkę względną wewnątrz folderu register, bez „..”, „/” na początku i adresów URL",
    ),
    "descriptor-resource-missing": (
        "pakiet nie opisuje zasobu „{resource}”",
        "dodaj zasób „{resource}” do datapackage.yaml (wzór: zasoby innych województw)",
    ),
    "descriptor-resource-unexpected": (
        "zasób „{resource}” nie należy do rejestru",
        "usuń go z datapackage.yaml albo dodaj województwo do słownika wojewodztwa.csv",
    ),
    # --- the files themselves ---------------------------------------------------------------
    "file-missing": (
        "brak pliku",
        "utwórz plik z nagłówkiem jak w schemacie {schema} albo popraw ścieżkę w datapackage.yaml",
    ),
    "file-empty": (
        "plik jest pusty",
        "przywróć co najmniej wiersz nagłówka: {header}",
    ),
    "file-too-large": (
        "plik ma {size} MB, więcej niż dopuszczalne {limit} MB",
        "sprawdź, czy arkusz nie dopisał tysięcy pustych wierszy; zapisz tylko wiersze z danymi",
    ),
    "file-encoding-cp1250": (
        "plik jest zapisany w kodowaniu Windows-1250, a nie UTF-8",
        "w Excelu wybierz Plik → Zapisz jako → „CSV UTF-8 (rozdzielany przecinkami)”; "
        "w LibreOffice zaznacz „Edytuj ustawienia filtra” i wybierz Unicode (UTF-8)",
    ),
    "file-encoding": (
        "plik nie jest zapisany w kodowaniu UTF-8 (bajt {byte} w pozycji {offset})",
        "zapisz plik jako „CSV UTF-8 (rozdzielany przecinkami)”",
    ),
    "file-bom": (
        "plik zaczyna się znacznikiem BOM",
        "zapisz plik jako UTF-8 bez BOM (w edytorze GitHub wystarczy usunąć niewidoczny znak "
        "na początku pierwszego wiersza)",
    ),
    "file-crlf": (
        "wiersze pliku kończą się znakami CRLF (zapis systemu Windows)",
        "zapisz plik z końcami wierszy LF albo edytuj go w edytorze GitHub, który robi to sam",
    ),
    "file-semicolon": (
        "plik jest rozdzielany średnikami, a nie przecinkami",
        "w Excelu wybierz Plik → Zapisz jako → „CSV UTF-8 (rozdzielany przecinkami)”; "
        "w LibreOffice ustaw separator pola na przecinek",
    ),
    "file-binary": (
        "plik zawiera znaki binarne (bajt zerowy) i nie jest plikiem tekstowym CSV",
        "zapisz dane jako „CSV UTF-8 (rozdzielany przecinkami)”, a nie jako skoroszyt Excela",
    ),
    "file-csv-syntax": (
        "niepoprawna składnia CSV: {detail}",
        "sprawdź cudzysłowy: tekst z przecinkiem ujmij w cudzysłów, a cudzysłów w tekście podwój",
    ),
    "file-no-final-newline": (
        "plik nie kończy się znakiem nowego wiersza",
        "dodaj pusty koniec wiersza po ostatnim wierszu danych",
    ),
    # --- the header -------------------------------------------------------------------------
    "header-missing-column": (
        "brak kolumny „{name}” w nagłówku",
        "dodaj kolumnę „{name}”; nagłówek musi brzmieć: {header}",
    ),
    "header-extra-column": (
        "nieznana kolumna „{name}” w nagłówku",
        "usuń kolumnę albo popraw jej nazwę; nagłówek musi brzmieć: {header}",
    ),
    "header-order": (
        "kolumny nagłówka są w innej kolejności niż w schemacie",
        "ustaw kolumny w kolejności: {header}",
    ),
    "header-duplicate": (
        "kolumna „{name}” występuje w nagłówku więcej niż raz",
        "zostaw jedną kolumnę „{name}”",
    ),
    # --- rows and cells ---------------------------------------------------------------------
    "row-cell-count": (
        "wiersz ma {found} komórek, a nagłówek {expected}",
        "sprawdź przecinki w wierszu: tekst zawierający przecinek ujmij w cudzysłów",
    ),
    "row-blank": (
        "pusty wiersz",
        "usuń pusty wiersz",
    ),
    "cell-too-long": (
        "komórka w kolumnie „{field}” ma {length} znaków, więcej niż dopuszczalne {limit}",
        "skróć tekst",
    ),
    "cell-required": (
        "brak wartości w wymaganej kolumnie „{field}”",
        "uzupełnij komórkę: {description}",
    ),
    "cell-type-date": (
        "„{value}” w kolumnie „{field}” nie jest datą w postaci RRRR-MM-DD",
        "{fix}",
    ),
    "cell-type-number": (
        "„{value}” w kolumnie „{field}” nie jest liczbą",
        "wpisz liczbę z kropką dziesiętną, np. {example}",
    ),
    "cell-pattern": (
        "{label} „{value}” ma niepoprawny format",
        "{fix}",
    ),
    "cell-enum": (
        "„{value}” w kolumnie „{field}” nie jest dozwoloną wartością",
        "wpisz jedną z wartości: {allowed}",
    ),
    "cell-range": (
        "{label} {value} jest poza zakresem {minimum}–{maximum}",
        "{fix}",
    ),
    "cell-length": (
        "{label} „{value}” ma {length} znaków; dozwolone od {minimum} do {maximum}",
        "popraw długość tekstu",
    ),
    "cell-reference": (
        "„{value}” w kolumnie „{field}” nie występuje w słowniku {table}",
        "wpisz kod ze słownika {table}, np. {examples}",
    ),
    "key-duplicate": (
        "powtórzony klucz {key}: taki sam wiersz jest już w wierszu {other_line}",
        "usuń duplikat albo popraw jedną z wartości",
    ),
    # --- text hygiene -----------------------------------------------------------------------
    "text-not-nfc": (
        "tekst w kolumnie „{field}” zawiera litery złożone z kilku znaków (nie w postaci NFC)",
        "wpisz polskie litery ponownie z klawiatury zamiast wklejać je z PDF-a",
    ),
    "text-spaces": (
        "tekst w kolumnie „{field}” ma {what}",
        "usuń zbędne spacje",
    ),
    "text-control": (
        "tekst w kolumnie „{field}” zawiera niewidoczny znak sterujący {char}",
        "usuń znak: skasuj i wpisz ponownie tekst wokół niego",
    ),
    "text-blank": (
        "komórka w kolumnie „{field}” zawiera same spacje",
        "usuń spacje albo wpisz wartość",
    ),
    # --- identifiers and contact data -------------------------------------------------------
    "regon-checksum": (
        "REGON „{value}” ma błędną cyfrę kontrolną",
        "sprawdź numer w rejestrze REGON (wyszukiwarka GUS) i przepisz go bez błędów",
    ),
    "nip-checksum": (
        "NIP „{value}” ma błędną cyfrę kontrolną",
        "sprawdź numer NIP w dokumentach instytucji i przepisz go bez błędów",
    ),
    "phone-invalid": (
        "telefon „{value}” nie jest poprawnym polskim numerem",
        "wpisz 9 cyfr numeru, np. +48 58 123 45 67 albo 501 234 567",
    ),
    "email-invalid": (
        "adres e-mail „{value}” jest niepoprawny",
        "wpisz adres w postaci nazwa@domena.pl, bez spacji",
    ),
    "url-invalid": (
        "adres strony „{value}” jest niepoprawny",
        "wpisz pełny adres zaczynający się od https:// (lub http://), np. https://ops.gmina.pl",
    ),
    "coordinates-incomplete": (
        "podano tylko jedną ze współrzędnych geograficznych",
        "uzupełnij obie kolumny (szerokosc i dlugosc) albo zostaw obie puste",
    ),
    "coordinates-outside": (
        "punkt ({lat}, {lon}) leży poza województwem {voivodeship}{found}",
        "sprawdź współrzędne: szerokość (ok. 49–55) wpisz w kolumnie szerokosc, "
        "długość (ok. 14–24) w kolumnie dlugosc",
    ),
    # --- clubs ------------------------------------------------------------------------------
    "club-folder-mismatch": (
        "klub ma kod województwa {value}, a plik leży w folderze wojewodztwa/{folder}, czyli "
        "województwa o kodzie {expected}",
        "wpisz kod {expected} albo przenieś wiersz do pliku właściwego województwa",
    ),
    "club-id-duplicate": (
        "identyfikator klubu „{value}” jest już użyty w {other}",
        "nadaj nowy, niepowtarzalny identyfikator; identyfikatorów nie używa się ponownie",
    ),
    "club-unknown": (
        "klub „{value}” nie występuje w pliku {expected}",
        "wpisz identyfikator klubu z kolumny klub_id pliku kluby.csv tego województwa",
    ),
    "club-other-voivodeship": (
        "klub „{value}” jest zapisany w folderze wojewodztwa/{other}, a ten wiersz jest w folderze "
        "wojewodztwa/{folder}",
        "przenieś wiersz do pliku {expected}",
    ),
    "club-no-events": (
        "klub „{value}” nie ma żadnego zdarzenia w karcie procesu certyfikacji",
        "dopisz w pliku zdarzenia.csv co najmniej zdarzenie wniosek_zlozony z datą złożenia "
        "wniosku",
    ),
    # --- certification events ---------------------------------------------------------------
    "event-order": (
        "zdarzenie z {value} jest wpisane po zdarzeniu z późniejszą datą {previous} (wiersz "
        "{other_line})",
        "ustaw zdarzenia klubu w kolejności dat – od najstarszego do najnowszego",
    ),
    "event-first": (
        "pierwsze zdarzenie klubu „{value}” to „{event}”, a proces musi zacząć się od {allowed}",
        "dopisz wcześniejsze zdarzenia albo popraw rodzaj zdarzenia",
    ),
    "event-transition": (
        "zdarzenie „{event}” nie może nastąpić bezpośrednio po „{previous}”",
        "po „{previous}” dozwolone są: {allowed}; sprawdź rodzaj i datę zdarzenia",
    ),
    "event-future": (
        "data zdarzenia {value} jest późniejsza niż dzień stanu rejestru {as_of}",
        "wpisuj tylko zdarzenia, które już nastąpiły; sprawdź rok i miesiąc",
    ),
    "withdrawal-after-expiry": (
        "certyfikat cofnięto {value}, a ostatni certyfikat klubu ({number}) był ważny tylko do "
        "{until}",
        "cofnąć można tylko ważny certyfikat; sprawdź datę zdarzenia albo usuń wiersz, jeśli "
        "certyfikat po prostu wygasł",
    ),
    "event-before-entry": (
        "zdarzenie z {value} jest wcześniejsze niż wpis klubu do rejestru wojewody ({entry})",
        "sprawdź datę zdarzenia albo datę wpisu w pliku kluby.csv",
    ),
    "certificate-number-missing": (
        "zdarzenie „{event}” wymaga numeru certyfikatu",
        "wpisz numer w kolumnie numer_certyfikatu w postaci KIS-TT-RRRR-NNN, np. "
        "KIS-{teryt}-2024-001",
    ),
    "certificate-number-unexpected": (
        "zdarzenie „{event}” nie może mieć numeru certyfikatu",
        "usuń numer – wpisuje się go tylko przy wydaniu i przedłużeniu certyfikatu",
    ),
    "certificate-number-duplicate": (
        "numer certyfikatu „{value}” jest już użyty w {other}",
        "nadaj kolejny wolny numer; numery certyfikatów są unikalne w całym kraju",
    ),
    "certificate-number-voivodeship": (
        "numer certyfikatu „{value}” ma kod województwa {found}, a klub jest z województwa "
        "{expected}",
        "popraw kod województwa w numerze: KIS-{expected}-RRRR-NNN",
    ),
    "certificate-number-year": (
        "numer certyfikatu „{value}” ma rok {found}, a certyfikat wydano w {expected}",
        "popraw rok w numerze na {expected}",
    ),
    # --- reference tables -------------------------------------------------------------------
    "reference-unknown-code": (
        "kod „{value}” w kolumnie „{field}” nie występuje w tabeli {table}",
        "wpisz kod z tabeli {table}",
    ),
    "reference-status-codes": (
        "słownik statusów nie zgadza się z regułami programu: {detail}",
        "statusy są wyliczane przez program; nie dodawaj ani nie usuwaj ich kodów, zmieniaj tylko "
        "nazwy i opisy",
    ),
    "voivodeship-folder-missing": (
        "brak folderu województwa {value}",
        "utwórz folder register/wojewodztwa/{value}/ z plikami kluby.csv, zdarzenia.csv i "
        "uslugi.csv",
    ),
    # --- good-practice stories --------------------------------------------------------------
    "story-front-matter": (
        "opis dobrej praktyki nie zaczyna się poprawnym nagłówkiem YAML: {detail}",
        "zacznij plik od wiersza „---”, wpisz pola tytul, klub, uslugi, data, streszczenie "
        "i zamknij nagłówek wierszem „---”",
    ),
    "story-missing-key": (
        "brak pola „{key}” w nagłówku opisu dobrej praktyki",
        "dodaj pole „{key}”: {description}",
    ),
    "story-unknown-key": (
        "nieznane pole „{key}” w nagłówku opisu dobrej praktyki",
        "usuń pole albo popraw literówkę; dozwolone pola: {allowed}",
    ),
    "story-bad-value": (
        "pole „{key}” ma niepoprawną wartość „{value}”",
        "{fix}",
    ),
    "story-club-unknown": (
        "klub „{value}” wskazany w opisie dobrej praktyki nie istnieje w rejestrze",
        "wpisz identyfikator klubu z kolumny klub_id jednego z plików kluby.csv",
    ),
    "story-service-unknown": (
        "usługa „{value}” nie występuje w katalogu usług",
        "wpisz kod z pliku register/slowniki/katalog_uslug.csv, np. {examples}",
    ),
    "story-html": (
        "opis dobrej praktyki zawiera znacznik HTML „{value}”",
        "usuń znacznik; formatuj tekst w Markdown (np. **pogrubienie**, listy z „-”)",
    ),
    "story-link": (
        "link „{value}” w opisie dobrej praktyki jest niedozwolony",
        "używaj tylko linków zaczynających się od https:// lub http://",
    ),
    "story-image": (
        "opis dobrej praktyki wstawia obraz z adresu „{value}”",
        "usuń obraz: strona rejestru nie wczytuje niczego z innych serwerów; zamiast obrazu "
        "wstaw zwykły link",
    ),
    "story-empty": (
        "opis dobrej praktyki nie ma treści",
        "dopisz treść pod nagłówkiem YAML",
    ),
    "story-filename": (
        "nazwa pliku „{value}” nie nadaje się na adres strony",
        "użyj małych liter bez polskich znaków, cyfr i łączników, np. wspolpraca-z-pup.md",
    ),
    # --- building the site (kis build) -------------------------------------------------------
    "build-failed": (
        "budowa strony nie powiodła się: {detail}",
        "popraw wskazany błąd i zbuduj stronę ponownie; poprzednia strona pozostała bez zmian",
    ),
    "build-duplicate-path": (
        "dwie części strony zapisują ten sam plik: {first} i {second}",
        "zmień nazwę pliku w jednej z części (np. adres opisu dobrej praktyki, który zajmuje "
        "adres strony zbiorczej)",
    ),
    "build-out-not-site": (
        "folder wyjściowy istnieje i nie zawiera strony zbudowanej wcześniej przez kis",
        "podaj w --out pusty lub nowy folder; kis zastępuje tylko strony, które sam zbudował",
    ),
}


# Codes that do not make the register invalid: "warning" (shown on the pull request, worth a look)
# or "notice" (said once, e.g. how a file was saved). Every other code is an error.
SEVERITY: dict[str, str] = {}
