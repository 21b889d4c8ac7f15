"""Identifier and contact predicates."""

from __future__ import annotations

import pytest

from generator.register.identifiers import (
    email_valid,
    nip_valid,
    phone_valid,
    regon_valid,
    url_valid,
)


@pytest.mark.parametrize("value", ["192345678", "123456785", "12345678512347"])
def test_regon_valid(value: str) -> None:
    assert regon_valid(value)


@pytest.mark.parametrize("value", ["192345677", "12345678", "1234567851234", "12345678512340", "x"])
def test_regon_invalid(value: str) -> None:
    assert not regon_valid(value)


def test_nip() -> None:
    assert nip_valid("5841234561")
    assert nip_valid("1234563218")
    assert not nip_valid("5841234562")
    assert not nip_valid("584123456")


@pytest.mark.parametrize("value", ["+48 58 123 45 67", "58 682 71 00", "501 234 567", "501-234-567",
                                   "+48501234567"])
def test_phone_valid(value: str) -> None:
    assert phone_valid(value)


@pytest.mark.parametrize("value", ["58 682 71", "tel. 58 682 71 00", "+49 30 1234567", "123"])
def test_phone_invalid(value: str) -> None:
    assert not phone_valid(value)


def test_email() -> None:
    assert email_valid("kis@ops.kolbudy.pl")
    assert not email_valid("kis@ops")
    assert not email_valid("kis ops@gmina.pl")
    assert not email_valid("kis..x@gmina.pl")


@pytest.mark.parametrize("value", ["https://ops.kolbudy.pl/kis", "http://gmina.pl"])
def test_url_valid(value: str) -> None:
    assert url_valid(value)


@pytest.mark.parametrize("value", ["javascript:alert(1)", "ops.kolbudy.pl", "https://", "ftp://x.pl",
                                   "https://user:pw@x.pl", "https://x.pl/a b", "data:text/html,x"])
def test_url_invalid(value: str) -> None:
    assert not url_valid(value)
