"""Fonts for the PDFs: Liberation Sans from the system, plus a small subset for form fields.

WeasyPrint subsets the fonts of the text but embeds the whole font used by form fields (a person
may type any character). The full Liberation Sans 2 is about 400 KB, so fields use a subset
with Latin, Polish and common punctuation, made once with fontTools and kept in the cache.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),  # Debian/Ubuntu fonts-liberation2
    Path("/usr/share/fonts/truetype/liberation"),  # Debian/Ubuntu fonts-liberation
    Path("/usr/share/fonts/liberation-sans"),  # Fedora
    Path("/usr/share/fonts/liberation"),
    Path("/usr/share/fonts/TTF"),  # Arch
)
FACES = (  # family, weight, style, file
    ("KIS Sans", "normal", "normal", "LiberationSans-Regular.ttf"),
    ("KIS Sans", "bold", "normal", "LiberationSans-Bold.ttf"),
    ("KIS Sans", "normal", "italic", "LiberationSans-Italic.ttf"),
    ("KIS Sans", "bold", "italic", "LiberationSans-BoldItalic.ttf"),
    ("KIS Mono", "normal", "normal", "LiberationMono-Regular.ttf"),
)
FIELD_FAMILY = "KIS Pola"
FIELD_SOURCE = "LiberationSans-Regular.ttf"
FIELD_CODEPOINTS = (
    *range(0x20, 0x7F),  # ASCII
    *range(0xA0, 0x180),  # Latin-1 and Latin Extended-A (ą ć ę ł ń ó ś ź ż)
    *range(0x2010, 0x2027),  # dashes, quotes „ ”, bullet, ellipsis
    *range(0x2030, 0x203B),
    0x20AC,
    0x2116,
    0x2122,  # € № ™
)
SUBSET_VERSION = "1"  # change when the subset recipe changes


class FontsMissing(RuntimeError):
    """Liberation fonts are not installed."""


@dataclass(frozen=True)
class Fonts:
    css: str  # @font-face rules with file URLs
    digest: str  # hash of every font file the PDFs use


def find_font(name: str, dirs: tuple[Path, ...] = FONT_DIRS) -> Path:
    for folder in dirs:
        path = folder / name
        if path.is_file():
            return path
    raise FontsMissing(
        f"Brak czcionki {name}. Zainstaluj pakiet fonts-liberation2 "
        "(bash scripts/system-deps.sh site)."
    )


def field_font(source: Path, cache_dir: Path) -> Path:
    """The subset font for form fields, made once per source font and kept in ``cache_dir``."""
    data = source.read_bytes()
    key = hashlib.sha256(data + SUBSET_VERSION.encode()).hexdigest()[:16]
    target = cache_dir / f"kis-pola-{key}.ttf"
    if not target.is_file():
        from fontTools import subset  # a second or more of imports, needed once per font file

        options = subset.Options()
        options.hinting = False
        options.desubroutinize = True
        options.layout_features = []
        options.notdef_outline = True
        options.drop_tables += ["FFTM"]  # FontForge timestamps: not needed, not subsettable
        font = subset.load_font(io.BytesIO(data), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=FIELD_CODEPOINTS)
        subsetter.subset(font)
        out = io.BytesIO()
        subset.save_font(font, out, options)
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(out.getvalue())
        tmp.replace(target)
    return target


def prepare_fonts(cache_dir: Path) -> Fonts:
    """@font-face rules for the PDFs and a digest of the font files they point to."""
    rules = []
    digest = hashlib.sha256()
    faces = [(family, weight, style, find_font(name)) for family, weight, style, name in FACES]
    faces.append((FIELD_FAMILY, "normal", "normal", field_font(find_font(FIELD_SOURCE), cache_dir)))
    for family, weight, style, path in faces:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
            f'font-style: {style}; src: url("{path.resolve().as_uri()}"); }}'
        )
    return Fonts("\n".join(rules), digest.hexdigest())
