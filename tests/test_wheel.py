"""The package works installed from its wheel, outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
# The PDF worker of the installed package renders a page in a process of its own.
RENDER_ONE = """from generator.parts.documents import pdf_worker
(pdf,) = pdf_worker.render_all(["<p>Klub Integracji Społecznej</p>"])
assert pdf.startswith(b"%PDF"), pdf[:20]
print(pdf_worker.IMPORT_ROOT)"""


def test_an_installed_wheel_builds_the_demo_site(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(PROJECT),
                    "-w", str(dist)], check=True, cwd=tmp_path)
    (wheel,) = dist.glob("rejestr_kis-*.whl")
    venv = tmp_path / "venv"
    # no pip of its own (ensurepip costs seconds): this environment's pip installs into it
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    # the dependencies come from the test environment (a .pth in the new venv), the package
    # itself only from the wheel: the checkout is on no path of the new interpreter
    (site,) = (venv / "lib").glob("python3*/site-packages")
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    work = tmp_path / "office"
    shutil.copytree(PROJECT / "register", work / "rejestr")
    # the tests' own PDF cache (tests/conftest.py): the PDFs other builds of the demo rendered
    # are reused; the wheel's PDF worker renders one page below
    env = {**os.environ, "KIS_CACHE_DIR": os.environ["KIS_CACHE_DIR"]}
    env.pop("PYTHONPATH", None)
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import generator.resources as r; print(r.PROJECT)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.strip().startswith(str(venv)), where.stdout
    rendered = subprocess.run([str(venv / "bin" / "python"), "-c", RENDER_ONE], cwd=work, env=env,
                              capture_output=True, text=True)
    assert rendered.returncode == 0, rendered.stderr
    assert rendered.stdout.strip().startswith(str(venv)), rendered.stdout
    built = subprocess.run([str(venv / "bin" / "kis"), "build", "--register", "rejestr",
                            "--out", "strona", "--as-of", "2026-11-22"],
                           cwd=work, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    site = work / "strona"
    assert (site / "index.html").is_file()
    assert (site / "formularze" / "wniosek" / "index.html").is_file()
    assert list((site / "formularze").rglob("*.pdf"))
    assert "Dane przykładowe" in (site / "index.html").read_text(encoding="utf-8")
