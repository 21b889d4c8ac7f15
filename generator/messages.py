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
    "descriptor-key-typo": (
        "klucz „{key}” w opisie {where} to prawdopodobnie literówka w nazwie „{expected}”",
        "popraw nazwę klucza na „{expected}”",
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
    "descriptor-licence-not-object": (
        "licencja nr {number} jest zapisana jako tekst „{value}”, a nie jako opis licencji",
        "zapisz licencję jako opis z trzema kluczami, np. „- name: CC-BY-4.0”, „title: Creative "
        "Commons Uznanie autorstwa 4.0”, „path: https://creativecommons.org/licenses/by/4.0/”",
    ),
    "descriptor-licence-url": (
        "adres licencji nr {number} „{value}” nie jest adresem strony internetowej",
        "wpisz w kluczu „path” pełny adres tekstu licencji zaczynający się od https:// (albo "
        "http://), np. https://creativecommons.org/licenses/by/4.0/",
    ),
    "schema-field-name": (
        "pole nr {number} schematu nie ma nazwy kolumny (jest „{value}”)",
        "wpisz w kluczu „name” nazwę kolumny z nagłówka pliku CSV albo przywróć schemat z "
        "poprzedniej wersji w repozytorium",
    ),
    "schema-field-repeated": (
        "kolumna „{name}” jest opisana w schemacie więcej niż raz",
        "zostaw jeden opis kolumny „{name}”",
    ),
    "schema-field-relied": (
        "schemat nie opisuje kolumny „{name}”, z której korzysta budowa strony",
        "przywróć opis kolumny „{name}” z poprzedniej wersji schematu w repozytorium; kolumn "
        "rejestru nie usuwa się ze schematu",
    ),
    "schema-constraint-relaxed": (
        "w schemacie kolumny „{name}” brakuje warunku, na którym polega budowa strony: {what}",
        "przywróć ten warunek z poprzedniej wersji schematu w repozytorium; zmienić można opis, "
        "tytuł, przykład i wskazówkę kolumny, ale nie warunki, od których zależą adresy stron "
        "i odczyt dat",
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
    "file-encoding-unknown": (
        "nie da się odczytać pliku: nie jest zapisany ani w UTF-8, ani w Windows-1250 "
        "(bajt {byte} w pozycji {offset})",
        "otwórz plik w arkuszu i zapisz go ponownie jako „CSV UTF-8 (rozdzielany przecinkami)”; "
        "w LibreOffice zaznacz „Edytuj ustawienia filtra” i wybierz Unicode (UTF-8)",
    ),
    "file-delimiter": (
        "nie da się ustalić, czym są rozdzielone kolumny: w wierszu nagłówka są {found}",
        "rozdziel kolumny nagłówka tak samo jak w wierszach danych – najlepiej przecinkami, jak "
        "w pozostałych plikach rejestru",
    ),
    "file-spreadsheet-save": (
        "plik zapisano w arkuszu kalkulacyjnym: {shapes}",
        "dane odczytano poprawnie; polecenie „kis popraw” zapisze plik tak jak pozostałe pliki "
        "rejestru",
    ),
    "file-encoding": (
        "plik nie jest zapisany w kodowaniu UTF-8 (bajt {byte} w pozycji {offset})",
        "zapisz plik jako „CSV UTF-8 (rozdzielany przecinkami)”",
    ),
    "file-binary": (
        "plik zawiera znaki binarne (bajt zerowy) i nie jest plikiem tekstowym CSV",
        "zapisz dane jako „CSV UTF-8 (rozdzielany przecinkami)”, a nie jako skoroszyt Excela",
    ),
    "file-csv-syntax": (
        "niepoprawna składnia CSV: {detail}",
        "sprawdź cudzysłowy: tekst z przecinkiem ujmij w cudzysłów, a cudzysłów w tekście podwój",
    ),
    "file-unclosed-quote": (
        "cudzysłów otwarty w tym wierszu nie jest zamknięty, więc reszta pliku nie daje się "
        "odczytać",
        "zamknij cudzysłów na końcu tekstu komórki albo go usuń; cudzysłów wewnątrz tekstu "
        "zapisz podwójnie, np. \"Klub \"\"Razem\"\"\"; pozostałych wierszy pliku nie sprawdzano",
    ),
    "file-quote-inside": (
        "po cudzysłowie zamykającym tekst komórki stoi inny znak niż przecinek",
        "cudzysłów wewnątrz tekstu zapisz podwójnie i ujmij cały tekst w cudzysłów, np. "
        "\"Klub \"\"Razem\"\"\"; pozostałych wierszy pliku nie sprawdzano",
    ),
    "file-utf8-invalid-byte": (
        "plik jest zapisany w UTF-8, ale bajt {byte} w wierszu {line_no} ({char}. znak wiersza) "
        "nie jest znakiem UTF-8; tekst komórki przed nim: „{before}”",
        "w tym miejscu był zapewne polski znak albo cudzysłów uszkodzony przy kopiowaniu: otwórz "
        "plik w edytorze tekstu, wpisz ten znak ponownie i zapisz plik w kodowaniu UTF-8",
    ),
    "file-line-ends-mixed": (
        "plik ma różne końce wierszy: {ends} w {lines}, a w pozostałych {others}",
        "dane odczytano poprawnie; polecenie „kis popraw” zapisze wszystkie końce wierszy jak w "
        "rejestrze (LF); plik edytowano zapewne w dwóch programach – ustaw w edytorze końce "
        "wierszy LF",
    ),
    "file-symlink": (
        "to dowiązanie symboliczne, a nie plik; rejestr nie odczytuje dowiązań",
        "zastąp dowiązanie zwykłym plikiem (skopiuj jego treść) albo je usuń",
    ),
    "file-unexpected": (
        "ten plik nie należy do rejestru: nie jest zasobem z datapackage.yaml, jego schematem, "
        "granicami województw, dobrą praktyką ani plikiem README.md",
        "usuń plik albo przenieś go poza folder register (kopie robocze arkuszy i pliki blokady "
        "„~$…”, „.~lock…#” trzymaj poza repozytorium); nowa tabela wymaga wpisu w datapackage.yaml",
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
    "header-column-renamed": (
        "kolumna {position} nagłówka nazywa się „{name}”, a powinna „{proposal}”",
        "popraw nazwę kolumny na „{proposal}”; nagłówek musi brzmieć: {header}; wierszy pliku "
        "nie sprawdzano",
    ),
    "header-mismatch": (
        "nagłówek nie zgadza się ze schematem: {detail}",
        "popraw nagłówek, aby brzmiał: {header}; jeśli arkusz rozdzielił go średnikami, zapisz "
        "plik ponownie jako CSV; wierszy pliku nie sprawdzano",
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
        "wiersz „{row}” ma {found}, a nagłówek {expected}",
        "prawdopodobnie brakuje przecinka między komórkami: wpisz tyle komórek, ile kolumn ma "
        "nagłówek, oddzielając przecinkiem także puste komórki; komórek tego wiersza nie "
        "sprawdzano",
    ),
    "row-cell-count-extra": (
        "wiersz „{row}” ma {found}, a nagłówek {expected}{where}",
        "prawdopodobnie tekst z przecinkiem lub średnikiem (np. adres „ul. Długa 5, lok. 2”) nie "
        "jest ujęty w cudzysłów: ujmij taki tekst w cudzysłów prosty \"…\" albo usuń przecinek; "
        "komórek tego wiersza nie sprawdzano",
    ),
    "row-cell-count-semicolon": (
        "wiersz „{row}” ma {found}, a nagłówek {expected}",
        "wiersz rozdzielono średnikami zamiast przecinków: rozdziel komórki przecinkami; "
        "komórek tego wiersza nie sprawdzano",
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
    "cell-date-ambiguous": (
        "data „{value}” w kolumnie „{field}” jest niejednoznaczna: {detail}",
        "wpisz datę jako RRRR-MM-DD: {fix}",
    ),
    "cell-scientific-notation": (
        "{label} „{value}” zapisano w postaci wykładniczej, więc arkusz mógł zgubić cyfry",
        "w arkuszu ustaw format komórek tej kolumny na „Tekst”, wpisz pełny numer i zapisz plik "
        "ponownie; {fix}",
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
    "cell-values-swapped": (
        "wartości w kolumnach „{field}” ({value}) i „{other_field}” ({other_value}) są zamienione "
        "miejscami",
        "wpisz {other_value} w kolumnie {field}, a {value} w kolumnie {other_field}",
    ),
    "cell-length": (
        "{label} „{value}” ma {length} znaków; dozwolone od {minimum} do {maximum}",
        "popraw długość tekstu",
    ),
    "cell-reference": (
        "„{value}” w kolumnie „{field}” nie występuje w słowniku {table}",
        "wpisz kod ze słownika {table}, np. {examples}",
    ),
    "cell-reference-close": (
        "„{value}” w kolumnie „{field}” nie występuje w słowniku {table}",
        "wpisz „{proposal}” – tak ten kod jest zapisany w słowniku {table}",
    ),
    "key-duplicate": (
        "{key} jest już w wierszu {other_line}",
        "usuń powtórzony wiersz; jeśli opisuje coś innego, popraw w nim wartość, która ma być "
        "inna",
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
    "text-markup": (
        "tekst w kolumnie „{field}” zawiera znacznik HTML „{tag}”",
        "rejestr przechowuje zwykły tekst, a strona sama go formatuje: usuń znacznik; znaków "
        "„<” i „>” nie używaj w tekście",
    ),
    "value-formula-like": (
        "tekst w kolumnie „{field}” zaczyna się od znaku „{char}”, więc arkusz kalkulacyjny może "
        "go odczytać jako formułę",
        "usuń znak „{char}” z początku tekstu albo zacznij tekst od słowa, np. „Klub …”",
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
    "opening-hours-invalid": (
        "godziny otwarcia „{value}” mają niepoprawny zapis: {detail}",
        "wpisz dni i godziny, np. „pn–pt 8:00–16:00; śr do 18:00” – dni: pn, wt, śr, cz, pt, "
        "sb, nd (zakres z kreską, np. pn–pt), godziny od–do w postaci G:MM, kolejne wpisy "
        "oddzielone średnikiem; wpis „śr do 18:00” zmienia godzinę zamknięcia w danym dniu",
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
        "klub ma kod województwa {value_text}, a plik leży w folderze wojewodztwa/{folder}, czyli "
        "województwa {expected_text}",
        "wpisz kod {expected} albo przenieś wiersze klubu do plików właściwego województwa",
    ),
    "club-voivodeship-elsewhere": (
        "klub ma województwo {voivodeship}, ale jego {evidence} wskazują województwo {found}",
        "sprawdź, czy klub jest w pliku właściwego województwa: jeśli leży w województwie "
        "{found_locative}, przenieś jego wiersze z plików kluby.csv, zdarzenia.csv i uslugi.csv "
        "do folderu wojewodztwa/{folder} i wpisz kod województwa {teryt}; jeśli leży w "
        "województwie {own_locative}, popraw {evidence}",
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
    "reference-table-rows": (
        "tabela ma {rows}, a strona potrzebuje {expected}",
        "przywróć brakujące wiersze z poprzedniej wersji pliku (historia pliku na GitHubie) albo "
        "usuń nadmiarowe; nagłówek zostaw bez zmian",
    ),
    "events-file-empty": (
        "plik zdarzeń jest pusty (ma tylko nagłówek), a w pliku kluby.csv tego województwa "
        "{clubs} – wszystkie będą miały status „bez certyfikatu”",
        "jeśli usunięto wiersze przez pomyłkę, przywróć plik z poprzedniej wersji (historia pliku "
        "na GitHubie); jeśli kluby naprawdę nie mają jeszcze żadnych zdarzeń, nic nie zmieniaj",
    ),
    "certificate-number-missing": (
        "zdarzenie „{event}” wymaga numeru certyfikatu",
        "wpisz numer w kolumnie numer_certyfikatu w postaci KIS-TT-RRRR-NNN, np. "
        "KIS-{teryt}-{year}-001",
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
        "popraw kod województwa w numerze: {proposal}",
    ),
    "certificate-number-parts": (
        "numer certyfikatu „{value}” ma kod województwa {found} i rok {found_year}, a klub jest "
        "z województwa {expected} i certyfikat wydano w {year}",
        "popraw kod województwa i rok w numerze: {proposal}",
    ),
    "certificate-number-year": (
        "numer certyfikatu „{value}” ma rok {found}, a certyfikat wydano w {expected}",
        "popraw rok w numerze: {proposal}",
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
    "story-key-typo": (
        "pole „{key}” w nagłówku opisu dobrej praktyki to prawdopodobnie literówka w nazwie "
        "„{expected}”",
        "popraw nazwę pola na „{expected}”",
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
    "story-too-long": (
        "opis dobrej praktyki ma {size} znaków treści, więcej niż dopuszczalne {limit}",
        "skróć opis albo podziel go na dwa osobne opisy; strona opowieści ma się dać przeczytać "
        "w kilka minut",
    ),
    "story-control": (
        "opis dobrej praktyki zawiera niewidoczny znak sterujący {char}",
        "usuń znak: skasuj i wpisz ponownie tekst wokół niego (znaki sterujące, np. zmieniające "
        "kierunek tekstu, mogą ukryć lub odwrócić treść)",
    ),
    # --- personal data (generator/validation/rules/personal_data.yaml) ------------------------
    "personal-id": (
        "tekst zawiera {what} ({masked}) – to dane osobowe, których nie wolno publikować",
        "usuń numer: rejestr jest publiczny i nie może zawierać numerów PESEL, dowodów osobistych "
        "ani paszportów",
    ),
    "personal-email": (
        "adres e-mail w darmowej poczcie {domain} wygląda na prywatny adres osoby (zawiera imię)",
        "wpisz adres klubu lub instytucji; prywatny adres zostaw tylko wtedy, gdy ta osoba "
        "zgodziła się na jego publikację",
    ),
    "personal-phone": (
        "imię „{name}” obok numeru telefonu komórkowego wygląda na prywatny kontakt do osoby",
        "wpisz telefon klubu lub instytucji bez imienia i nazwiska; zostaw go tylko wtedy, gdy ta "
        "osoba zgodziła się na publikację",
    ),
    # --- YAML written by officers -----------------------------------------------------------
    "yaml-alias": (
        "plik YAML używa {kind} „{what}{name}” – program nie rozwija kotwic ani odwołań YAML",
        "wpisz wartość wprost w każdym miejscu, w którym jest potrzebna, i usuń „&{name}” "
        "oraz „*{name}”",
    ),
    "story-filename": (
        "nazwa pliku „{value}” nie nadaje się na adres strony",
        "użyj małych liter bez polskich znaków, cyfr i łączników, np. wspolpraca-z-pup.md",
    ),
    # --- the issue form "Zmiana w rejestrze" (kis zgloszenie, the reply under the issue) --------
    "form-unknown-fields": (
        "zgłoszenie ma pola, których nie ma w formularzu „Zmiana w rejestrze”: {fields}",
        "załóż zgłoszenie na aktualnym formularzu (Issues → New issue → „Zmiana w rejestrze KIS”) "
        "albo usuń te pola z treści zgłoszenia",
    ),
    "form-duplicate-section": (
        "pole „{label}” występuje w zgłoszeniu {times} razy – nie wiadomo, którą wartość wpisać",
        "zostaw w treści zgłoszenia jedno pole „{label}” z właściwą wartością (Edit przy "
        "zgłoszeniu) i usuń pozostałe",
    ),
    "form-not-a-form": (
        "brak pola „Rodzaj zmiany” – to nie jest zgłoszenie z formularza „Zmiana w rejestrze” "
        "albo pole jest puste",
        "załóż zgłoszenie formularzem „Zmiana w rejestrze KIS” i wybierz w nim rodzaj zmiany",
    ),
    "form-unknown-kind": (
        "„{value}” nie jest jednym z rodzajów zmian",
        "wybierz jeden z rodzajów: {allowed}",
    ),
    "form-no-consent": (
        "brak potwierdzenia, że zgłoszenie nie zawiera danych osobowych",
        "sprawdź, czy w zgłoszeniu nie ma imion, nazwisk ani prywatnych kontaktów, i zaznacz "
        "pole „Dane osobowe”",
    ),
    "form-no-voivodeship": (
        "nie wybrano województwa",
        "wybierz województwo, do którego rejestru należy klub",
    ),
    "form-unknown-voivodeship": (
        "„{value}” nie jest nazwą województwa",
        "wybierz jedną z nazw: {allowed}",
    ),
    "form-no-club-id": (
        "brak identyfikatora klubu",
        "wpisz identyfikator klubu z rejestru (ostatnia część adresu strony klubu), a przy nowym "
        "klubie nowy identyfikator: małe litery bez polskich znaków, cyfry i łączniki",
    ),
    "form-choice-unknown": (
        "„{value}” nie jest jedną z wartości do wyboru",
        "wybierz jedną z wartości: {allowed}",
    ),
    "form-bad-date": (
        "„{value}” nie jest poprawną datą",
        "wpisz datę jako RRRR-MM-DD (np. 2024-05-20) albo DD.MM.RRRR (np. 20.05.2024)",
    ),
    "form-field-not-for-kind": (
        "to pole nie dotyczy zmiany „{kind}”",
        "usuń wartość tego pola albo wybierz inny rodzaj zmiany",
    ),
    "form-missing-fields": (
        "przy zmianie „{kind}” trzeba wypełnić pola: {fields}",
        "uzupełnij te pola w zgłoszeniu (menu „…” nad zgłoszeniem → „Edit”)",
    ),
    "form-no-new-value": (
        "nie podano żadnej nowej wartości w sekcji „Dane klubu”",
        "wpisz tylko wartości, które się zmieniają; aby usunąć wartość, wpisz w polu sam znak „-”",
    ),
    "form-unchanged": (
        "zgłoszenie nie zmienia żadnej wartości: podane dane klubu są już takie same w rejestrze",
        "sprawdź identyfikator klubu i wpisz nowe wartości",
    ),
    "form-club-exists": (
        "klub „{value}” jest już w rejestrze (województwo {voivodeship})",
        "nowy klub musi mieć nowy identyfikator; zmiany istniejącego klubu zgłasza się jako "
        "„Zmiana danych klubu” albo „Nowe zdarzenie w procesie certyfikacji”",
    ),
    "form-club-unknown": (
        "klubu „{value}” nie ma w rejestrze",
        "sprawdź identyfikator (ostatnia część adresu strony klubu) albo zgłoś najpierw "
        "„Nowy klub”",
    ),
    "form-club-unknown-similar": (
        "klubu „{value}” nie ma w rejestrze",
        "czy chodziło o klub „{suggestion}”? Identyfikator wpisuje się tak jak w rejestrze: "
        "małymi literami, bez polskich znaków",
    ),
    "form-club-voivodeship-elsewhere": (
        "wybrano województwo {voivodeship}, ale {evidence} klubu wskazują województwo {found}",
        "jeśli klub leży w województwie {found_locative}, wybierz w polu „Województwo”: "
        "{found}; jeśli leży w województwie {own_locative}, popraw {evidence}",
    ),
    "form-www-scheme-added": (
        "do adresu strony „{value}” dopisano na początku https://",
        "sprawdź, czy strona otwiera się pod adresem {address}; jeśli działa tylko bez "
        "szyfrowania, wpisz w polu pełny adres zaczynający się od http://",
    ),
    "form-club-other-voivodeship": (
        "klub „{value}” jest w rejestrze innego województwa ({home}), a w zgłoszeniu wybrano: "
        "{chosen}",
        "wybierz w polu „Województwo”: {home}, albo popraw identyfikator klubu",
    ),
    "form-service-exists": (
        "klub „{value}” ma już usługę „{service}”",
        "usuń tę usługę z pola „Usługi”",
    ),
    "form-strike-off-type": (
        "przy wykreśleniu klubu wpisano zdarzenie „{event}”",
        "wpisz datę wykreślenia i ewentualnie uwagi, bez innego rodzaju zdarzenia; pozostałe "
        "zdarzenia zgłoś jako „Nowe zdarzenie w procesie certyfikacji”",
    ),
    "form-strike-off-count": (
        "przy wykreśleniu klubu wpisano {events}, a wykreślenie jest jednym zdarzeniem",
        "zostaw w polu „Zdarzenia” jeden wiersz z datą wykreślenia",
    ),
    "form-event-no-date": (
        "wiersz „{value}” nie zaczyna się datą",
        "zacznij wiersz od daty RRRR-MM-DD albo DD.MM.RRRR, np. „2024-03-05; złożenie wniosku "
        "o certyfikat”",
    ),
    "form-date-short-year": (
        "rok w dacie „{value}” ma tylko dwie cyfry",
        "wpisz rok czterema cyframi, np. „{suggestion}”",
    ),
    "form-event-bad-date": (
        "„{value}” nie jest poprawną datą",
        "sprawdź dzień i miesiąc; datę wpisz jako RRRR-MM-DD albo DD.MM.RRRR",
    ),
    "form-event-no-type": (
        "po dacie brak rodzaju zdarzenia",
        "dopisz po dacie rodzaj zdarzenia, np. „2024-03-05; złożenie wniosku o certyfikat”; "
        "nazwy rodzajów są w opisie sekcji zdarzeń w formularzu",
    ),
    "form-event-unknown-type": (
        "„{value}” nie jest rodzajem zdarzenia",
        "wpisz nazwę jednego z rodzajów zdarzeń: {allowed}",
    ),
    "form-event-close-type": (
        "„{value}” nie jest rodzajem zdarzenia",
        "czy chodziło o: {matches}? Popraw nazwę; pełna lista rodzajów jest w opisie sekcji "
        "zdarzeń w formularzu",
    ),
    "form-event-ambiguous-type": (
        "„{value}” pasuje do kilku rodzajów zdarzeń: {matches}",
        "wpisz pełną nazwę jednego z nich",
    ),
    "form-cell-required": (
        "to pole nie może być puste",
        "uzupełnij pole: {description}",
    ),
    "form-cell-number": (
        "„{value}” nie jest liczbą",
        "wpisz liczbę, np. {example}",
    ),
    "form-cell-pattern": (
        "„{value}” ma niepoprawny format",
        "{fix}",
    ),
    "form-cell-range": (
        "„{value}” jest poza zakresem {minimum}–{maximum}",
        "{fix}",
    ),
    "form-cell-length": (
        "„{value}” ma {characters}, a dozwolone jest od {minimum} do {maximum}",
        "popraw długość tekstu",
    ),
    "form-cell-too-long": (
        "tekst ma {characters}, więcej niż dopuszczalne {limit}",
        "skróć tekst",
    ),
    "form-text-not-nfc": (
        "tekst zawiera litery złożone z kilku znaków",
        "wpisz polskie litery ponownie z klawiatury zamiast wklejać je z PDF-a",
    ),
    "form-text-control": (
        "tekst zawiera niewidoczny znak sterujący {char}",
        "usuń znak: skasuj i wpisz ponownie tekst wokół niego",
    ),
    "form-coordinates-incomplete": (
        "podano tylko jedną ze współrzędnych geograficznych",
        "wypełnij oba pola „{lat_label}” i „{lon_label}” albo zostaw oba puste",
    ),
    "form-coordinates-outside": (
        "punkt ({lat}, {lon}) leży poza województwem {voivodeship}{found}",
        "sprawdź współrzędne: szerokość (ok. 49–55) wpisz w polu „{lat_label}”, długość "
        "(ok. 14–24) w polu „{lon_label}”",
    ),
    "form-event-before-entry": (
        "zdarzenie z {value} jest wcześniejsze niż wpis klubu do rejestru wojewody ({entry})",
        "sprawdź datę zdarzenia i datę wpisu do rejestru wojewody",
    ),
    "form-certificate-number-missing": (
        "zdarzenie „{event}” wymaga numeru certyfikatu",
        "dopisz numer po rodzaju zdarzenia, np. „2024-05-20; {event}; KIS-{teryt}-2024-001”",
    ),
    "form-certificate-number-duplicate": (
        "numer certyfikatu „{value}” jest już użyty w rejestrze",
        "sprawdź numer w decyzji; numery certyfikatów są unikalne w całym kraju",
    ),
    "form-value-placeholder": (
        "„{value}” wygląda na wpis zastępczy, a nie na prawdziwą daną",
        "wpisz prawdziwą wartość z dokumentów klubu albo instytucji tworzącej",
    ),
    "form-value-placeholder-optional": (
        "„{value}” wygląda na wpis zastępczy, a nie na prawdziwą daną",
        "wpisz prawdziwą wartość z dokumentów klubu albo instytucji tworzącej albo zostaw pole "
        "puste – to pole nie jest wymagane",
    ),
    "form-club-duplicate": (
        "klub wygląda na powtórzenie klubu „{other_id}”, który jest już w rejestrze: ta sama "
        "nazwa, miejscowość i instytucja tworząca",
        "jeśli to ten sam klub, zgłoś jego zdarzenia jako „Nowe zdarzenie w procesie "
        "certyfikacji” dla klubu „{other_id}”; jeśli to inny klub, dodaj do nazwy to, co go "
        "odróżnia (np. dzielnicę albo adres)",
    ),
    "form-entry-number-duplicate": (
        "numer wpisu do rejestru wojewody „{value}” ma już klub „{other_id}”",
        "sprawdź numer w rejestrze wojewody; jeśli to ten sam klub, nie zgłaszaj go jako nowego",
    ),
    "form-postal-code-voivodeship": (
        "kod pocztowy „{value}” nie pasuje do województwa {voivodeship}: kody {prefix}-… {found}",
        "sprawdź kod w wyszukiwarce kodów pocztowych Poczty Polskiej; jeśli klub leży w innym "
        "województwie, wybierz je w polu „Województwo”",
    ),
    "form-club-name-cis": (
        "nazwa „{value}” wskazuje na centrum integracji społecznej (CIS), a nie na klub "
        "integracji społecznej (KIS)",
        "rejestr obejmuje tylko kluby integracji społecznej; jeśli to klub działający przy CIS, "
        "wpisz pełną nazwę klubu, np. „Klub Integracji Społecznej przy CIS w …”",
    ),
    "edit-file-unreadable": (
        "plik nie daje się bezpiecznie uzupełnić: {detail}",
        "uruchom „kis validate”, popraw błędy tego pliku (albo zapisz go poleceniem „kis popraw”) "
        "i powtórz polecenie",
    ),
    "form-key-duplicate": (
        "to samo zdarzenie z tą samą datą jest już w rejestrze",
        "usuń ten wiersz ze zgłoszenia albo popraw datę lub rodzaj zdarzenia",
    ),
    # --- plausibility warnings (the register stays valid) -------------------------------------
    "value-placeholder": (
        "„{value}” w kolumnie „{field}” wygląda na wpis zastępczy, a nie na prawdziwą daną",
        "wpisz prawdziwą wartość z dokumentów klubu albo instytucji tworzącej{optional}",
    ),
    "postal-code-voivodeship": (
        "kod pocztowy „{value}” nie pasuje do województwa {voivodeship}: kody {prefix}-… {found}",
        "sprawdź kod w wyszukiwarce kodów pocztowych Poczty Polskiej; jeśli klub leży w innym "
        "województwie, przenieś jego wiersze do plików tamtego województwa",
    ),
    "club-duplicate": (
        "klub „{value}” wygląda na powtórzenie klubu „{other_id}” ({other}): ta sama nazwa, "
        "miejscowość i instytucja tworząca",
        "jeśli to ten sam klub, usuń ten wiersz i dopisuj zdarzenia klubu „{other_id}”; jeśli to "
        "inny klub, dodaj do nazwy to, co go odróżnia (np. dzielnicę albo adres)",
    ),
    "entry-number-duplicate": (
        "numer wpisu do rejestru wojewody „{value}” ma już klub „{other_id}” ({other})",
        "sprawdź numer w rejestrze wojewody; jeśli to ten sam klub, usuń powtórzony wiersz, "
        "a jeśli inny – wpisz jego własny numer wpisu",
    ),
    "club-name-cis": (
        "nazwa „{value}” wskazuje na centrum integracji społecznej (CIS), a nie na klub "
        "integracji społecznej (KIS)",
        "rejestr obejmuje tylko kluby integracji społecznej (CIS są akredytowane, nie "
        "certyfikowane): jeśli to CIS, usuń wiersz; jeśli to klub działający przy CIS, wpisz pełną "
        "nazwę klubu, np. „Klub Integracji Społecznej przy CIS w …”",
    ),
    # --- importing an office's spreadsheet (kis import) -------------------------------------
    "import-file-type": (
        "pliku z rozszerzeniem „{suffix}” nie można zaimportować",
        "zapisz arkusz jako .xlsx, .ods albo .csv (w Excelu i LibreOffice: Plik → Zapisz jako) "
        "i podaj ten plik",
    ),
    "import-file-unreadable": (
        "nie można odczytać arkusza: {detail}",
        "sprawdź ścieżkę do pliku; otwórz go w Excelu lub LibreOffice, a jeśli się otwiera, "
        "zapisz go ponownie jako .xlsx albo .ods bez hasła",
    ),
    "import-voivodeship-unknown": (
        "nie ma województwa „{value}”",
        "podaj w --wojewodztwo nazwę folderu województwa z register/wojewodztwa (małe litery "
        "bez polskich znaków), np. {example}",
    ),
    "import-mapping-invalid": (
        "plik mapowania kolumn jest niepoprawny: {detail}",
        "zapisz w nim listę „kolumny:”, a pod nią wiersze „nagłówek z arkusza: pole”, np. "
        "„Nazwa KIS: nazwa”; pole to nazwa kolumny pliku kluby.csv (np. podmiot_nazwa, "
        "kod_pocztowy), numer_certyfikatu, data_certyfikatu albo tytuł pola, np. „Nazwa klubu”",
    ),
    "import-no-header": (
        "w arkuszu nie ma wiersza z nazwami kolumn, wśród nich kolumny z nazwą klubu",
        "dodaj nad danymi wiersz z nazwami kolumn, np. {examples}, albo przypisz nietypowe "
        "nazwy do pól rejestru w pliku mapowania (--mapowanie)",
    ),
    "import-duplicate-column": (
        "kolumny {first} i {second} oznaczają to samo pole: „{field}”",
        "zostaw jedną z nich albo w pliku mapowania (--mapowanie) przypisz drugą do innego pola "
        "lub do listy „pomijane”",
    ),
    "import-no-clubs": (
        "pod wierszem z nazwami kolumn nie ma żadnego klubu",
        "sprawdź, czy to właściwy plik i czy dane klubów są pod nazwami kolumn",
    ),
    "import-column-unknown": (
        "kolumna „{value}” nie odpowiada żadnemu polu rejestru i została pominięta",
        "jeśli są w niej dane do rejestru, przypisz ją do pola w pliku mapowania (--mapowanie), "
        "np. „{value}: nazwa”",
    ),
    "import-column-personal": (
        "kolumna „{value}” zawiera dane osób i nie zostanie przeniesiona do rejestru",
        "rejestr jest publiczny: nie wpisuje się do niego imion i nazwisk ani prywatnych "
        "kontaktów",
    ),
    "import-row-skipped": (
        "wiersz ma wypełnioną tylko jedną komórkę („{value}”) i został pominięty",
        "jeśli to klub, uzupełnij w tym wierszu jego pozostałe dane; tytuły grup i podsumowania "
        "mogą zostać",
    ),
    "import-club-exists": (
        "ten klub jest już w rejestrze jako „{value}” (zgadza się: {matched}) i nie zostanie "
        "dopisany drugi raz",
        "zmiany jego danych wprowadź w pliku kluby.csv albo formularzem „Zmiana w rejestrze”",
    ),
    "import-duplicate-row": (
        "wiersz powtarza klub z wiersza {other}: ta sama nazwa, miejscowość i instytucja tworząca",
        "usuń powtórzony wiersz; jeśli to inny klub, popraw w nim nazwę, miejscowość lub "
        "instytucję tworzącą",
    ),
    "import-entry-number-repeated": (
        "wiersze {other} i {row} mają ten sam numer wpisu do rejestru wojewody „{value}” "
        "(kolumna {letter} „{field}”), a opisują różne kluby: {other_club} oraz {this}",
        "jeden numer wpisu ma tylko jeden klub: sprawdź oba kluby w rejestrze wojewody i popraw "
        "w arkuszu numer tego, do którego „{value}” nie należy",
    ),
    "import-club-id-repeated": (
        "wiersze {other} i {row} mają ten sam identyfikator klubu „{value}” "
        "(kolumna {letter} „{field}”), a opisują różne kluby: {other_club} oraz {this}",
        "nadaj w arkuszu jednemu z tych klubów inny, niepowtarzalny identyfikator albo wyczyść "
        "jego komórkę, a import nada go sam",
    ),
    "import-postal-and-town-incomplete": (
        "w kolumnie „{field}” brak {lack}{found}",
        "wpisz w tej komórce kod pocztowy i miejscowość, np. „{example}”, i uruchom import "
        "ponownie",
    ),
    "import-club-voivodeship-elsewhere": (
        "{evidence} klubu wskazują województwo {found}, a nie {voivodeship}, podane "
        "w --wojewodztwo",
        "jeśli klub leży w województwie {found_locative}, uruchom import z --wojewodztwo "
        "{folder}; jeśli leży w województwie {own_locative}, popraw w arkuszu {evidence}",
    ),
    "import-value-missing": (
        "brak wartości „{field}” – bez niej klubu nie można wpisać do rejestru",
        "{fix} i uruchom import ponownie",
    ),
    "import-operator-type-unknown": (
        "z nazwy „{value}” nie da się ustalić rodzaju instytucji tworzącej klub",
        "dodaj w arkuszu kolumnę „Rodzaj instytucji tworzącej” z jedną z wartości: {choices} "
        "i uruchom import ponownie",
    ),
    "import-certificate-incomplete": (
        "podano {have}, ale brak {lack}",
        "uzupełnij {lack} w arkuszu albo usuń {have}: obecny certyfikat wpisuje się z numerem "
        "i datą wydania",
    ),
    "import-no-certificate-columns": (
        "arkusz nie ma kolumn z numerem i datą wydania certyfikatu, więc kluby zostaną wpisane "
        "bez certyfikatu",
        "jeśli kluby mają certyfikaty, dodaj kolumny „Nr certyfikatu” i „Data wydania "
        "certyfikatu” i uruchom import ponownie; bez nich kluby dostaną status „bez certyfikatu”",
    ),
    "import-still-missing": (
        "klub „{value}” zostanie wpisany bez: {fields}",
        "to nie blokuje importu; uzupełnij te dane później w pliku kluby.csv albo formularzem "
        "„Zmiana w rejestrze”, gdy je poznasz",
    ),
    "import-entry-number-taken": (
        "numer wpisu do rejestru wojewody „{value}” ma już w rejestrze klub „{other_id}” "
        "({other}), a ten wiersz opisuje inny klub: {this}",
        "sprawdź numer w rejestrze wojewody i popraw go w arkuszu; jeśli to ten sam klub, który "
        "zmienił nazwę lub adres, usuń wiersz z arkusza i wprowadź zmianę w pliku kluby.csv albo "
        "formularzem „Zmiana w rejestrze”",
    ),
    "import-date-invalid": (
        "„{value}” w kolumnie „{field}” nie jest poprawną datą",
        "wpisz w arkuszu istniejącą datę, np. 5.03.2021, 05.03.2021 albo 2021-03-05 (możesz też "
        "ustawić format komórki na datę) i uruchom import ponownie",
    ),
    "import-postal-code-voivodeship": (
        "kod pocztowy „{value}” nie pasuje do województwa {voivodeship}: kody {prefix}-… {found}",
        "sprawdź kod w arkuszu w wyszukiwarce kodów pocztowych Poczty Polskiej; jeśli kod jest "
        "dobry, sprawdź, czy w --wojewodztwo podano województwo, którego to arkusz",
    ),
    "import-merged-cell": (
        "wartość „{value}” w kolumnie „{field}” pochodzi z komórki scalonej {range} i została "
        "skopiowana do tego wiersza",
        "scalona komórka obejmuje kilka klubów; jeśli ta wartość nie dotyczy też tego klubu, "
        "rozdziel komórki w arkuszu, wpisz właściwą wartość i uruchom import ponownie",
    ),
    # --- building the site (kis build) -------------------------------------------------------
    "build-failed": (
        "budowa strony nie powiodła się: {detail}",
        "popraw wskazany błąd i zbuduj stronę ponownie; poprzednia strona pozostała bez zmian",
    ),
    "build-second-process-died": (
        "drugi proces budowy, który przygotowywał {work}, zakończył się bez wyniku ({how})",
        "sygnał 9 (SIGKILL) oznacza zwykle, że systemowi zabrakło pamięci i zatrzymał proces: "
        "zamknij inne programy (albo użyj komputera z większą pamięcią) i zbuduj stronę "
        "ponownie; poprzednia strona pozostała bez zmian",
    ),
    "build-duplicate-path": (
        "dwie części strony zapisują ten sam plik: {first} i {second}",
        "zmień nazwę pliku w jednej z części (np. adres opisu dobrej praktyki, który zajmuje "
        "adres strony zbiorczej)",
    ),
    "build-out-forbidden": (
        "folderem wyjściowym nie może być {what}: kis zastępuje cały folder wyjściowy nową stroną",
        "podaj w --out osobny folder na stronę, np. site/ w katalogu projektu",
    ),
    "build-out-not-writable": (
        "nie można zapisywać w folderze wyjściowym ani obok niego ({reason})",
        "podaj w --out folder, w którym masz prawo zapisu, albo nadaj to prawo (folder strony "
        "i folder nad nim muszą być zapisywalne)",
    ),
    "build-old-site-left": (
        "nowa strona jest już na miejscu, ale nie udało się usunąć poprzedniej wersji strony "
        "({reason})",
        "usuń ten folder ręcznie (jest ukryty: jego nazwa zaczyna się od kropki); strona nie "
        "jest z nim w żaden sposób związana i kolejne budowy go nie potrzebują",
    ),
    "build-out-not-site": (
        "folder wyjściowy istnieje i nie zawiera strony zbudowanej wcześniej przez kis",
        "podaj w --out pusty lub nowy folder; kis zastępuje tylko strony, które sam zbudował",
    ),
    # --- kis raport: the yearly report --------------------------------------------------------
    "report-unknown-voivodeship": (
        "nie ma województwa „{slug}”",
        "podaj w --wojewodztwo nazwę folderu województwa bez polskich znaków: {allowed}; "
        "bez --wojewodztwo raport obejmuje cały kraj",
    ),
    "report-no-events": (
        "w rejestrze nie ma jeszcze żadnego zdarzenia: {scope}",
        "raport roczny powstaje z dat zdarzeń w pliku zdarzenia.csv; wpisz zdarzenia klubów "
        "albo wybierz inne województwo",
    ),
    "report-year-before-register": (
        "rejestr nie ma zdarzeń z {year} roku ani wcześniejszych: {scope}",
        "podaj rok od {first} (rok pierwszego zdarzenia w rejestrze)",
    ),
    "report-year-incomplete": (
        "rok {year} jeszcze się nie zakończył w dniu {as_of}",
        "raport obejmuje cały rok: podaj rok, który już się zakończył, albo późniejszy dzień "
        "w --as-of",
    ),
    # --- kis linki: do the clubs' www and e-mail addresses still work? -----------------------
    "link-bad-address": (
        "„{value}” nie jest adresem, który da się sprawdzić",
        "wpisz adres strony zaczynający się od https:// albo adres e-mail z domeną, np. "
        "kis@gmina.pl",
    ),
    "link-timeout": (
        "strona {value} nie odpowiedziała w ciągu {seconds} s",
        "otwórz stronę w przeglądarce; jeśli nie działa, zapytaj klub o aktualny adres",
    ),
    "link-no-host": (
        "serwer strony {value} nie istnieje (nazwy nie ma w DNS)",
        "sprawdź, czy w adresie nie ma literówki, i zapytaj klub o aktualny adres strony",
    ),
    "link-tls": (
        "strona {value} ma niepoprawny certyfikat HTTPS",
        "poproś instytucję o odnowienie certyfikatu albo o aktualny adres strony",
    ),
    "link-no-connection": (
        "nie udało się połączyć ze stroną {value}",
        "otwórz stronę w przeglądarce; jeśli nie działa, zapytaj klub o aktualny adres",
    ),
    "link-not-found": (
        "strony {value} już nie ma (błąd HTTP {status})",
        "znajdź nowy adres strony klubu albo instytucji i wpisz go w kolumnie „{field}”",
    ),
    "link-http-error": (
        "strona {value} odpowiada błędem HTTP {status}",
        "otwórz stronę w przeglądarce; jeśli błąd się powtarza, zapytaj klub o aktualny adres",
    ),
    "link-redirect-loop": (
        "strona {value} przekierowuje w kółko i nigdy się nie otwiera",
        "zapytaj klub o aktualny adres strony",
    ),
    "link-moved": (
        "strona {value} przeniosła się na stałe pod adres {detail}",
        "sprawdź nowy adres i wpisz go w kolumnie „{field}”",
    ),
    "link-refused": (
        "serwer strony {value} nie wpuścił programu sprawdzającego (HTTP {status})",
        "otwórz stronę w przeglądarce: zwykle działa, a serwer tylko nie wpuszcza programów",
    ),
    "link-no-domain": (
        "domena adresu e-mail {value} nie istnieje",
        "zapytaj klub o aktualny adres e-mail i wpisz go w kolumnie „{field}”",
    ),
    "link-no-mail": (
        "domena adresu e-mail {value} nie przyjmuje poczty",
        "zapytaj klub o aktualny adres e-mail i wpisz go w kolumnie „{field}”",
    ),
    "link-dns-error": (
        "nie udało się sprawdzić w DNS domeny adresu e-mail {value}",
        "sprawdź adres ponownie za kilka dni; jeśli błąd się powtarza, zapytaj klub o adres",
    ),
}


# Codes that do not make the register invalid: "warning" (shown on the pull request, worth a look)
# or "notice" (said once, e.g. how a file was saved). Every other code is an error.
SEVERITY: dict[str, str] = {
    "form-www-scheme-added": "notice",
    "import-column-unknown": "notice",
    "import-column-personal": "notice",
    "import-row-skipped": "notice",
    "import-club-exists": "notice",
    "import-still-missing": "notice",
    "import-merged-cell": "notice",
    "import-postal-code-voivodeship": "warning",
    "import-no-certificate-columns": "notice",
    "value-placeholder": "warning",
    "postal-code-voivodeship": "warning",
    "events-file-empty": "warning",
    "club-duplicate": "warning",
    "entry-number-duplicate": "warning",
    "club-name-cis": "warning",
    "file-spreadsheet-save": "notice",
    "file-line-ends-mixed": "notice",  # read right; kis popraw and the repair workflow fix it
    "value-formula-like": "warning",  # a real name may start so; outputs neutralise it anyway
    "personal-email": "warning",  # may be a contact the person agreed to publish
    "personal-phone": "warning",
    # kis linki: an address that stopped working never blocks a change or a build
    **{f"link-{kind}": "warning" for kind in (
        "bad-address", "timeout", "no-host", "tls", "no-connection", "not-found", "http-error",
        "redirect-loop", "no-domain", "no-mail", "dns-error")},
    "build-old-site-left": "warning",  # the new site is in place; only disk space is lost
    "link-moved": "notice",
    "link-refused": "notice",
}
