"""Every internal link and anchor of the built site resolves: pages, PDFs, data files, ids."""

from __future__ import annotations

from tests.quality.findings import Finding, fail_on
from tests.quality.links import Ref, SiteLinks, resolve
from tests.quality.sites import Site


def link_findings(links: SiteLinks) -> list[Finding]:
    findings = []
    for ref in links.refs:
        target = resolve(ref, links.root)
        if target is None:
            continue
        where = f"<{ref.tag} {ref.attr}=\"{ref.url}\"> (line {ref.line})"
        if target.problem:
            findings.append(Finding("links", "/" + ref.page, target.problem, where))
        elif not (links.root / target.path).is_file():
            findings.append(Finding("links", "/" + ref.page, f"broken link: no {target.path}",
                                    where))
        elif target.fragment and target.path.endswith(".html") and (
                target.fragment not in links.ids.get(target.path, set())):
            findings.append(Finding("links", "/" + ref.page,
                                    f"broken anchor: no id “{target.fragment}” in "
                                    f"{target.path}", where))
    return findings


def test_every_internal_link_and_anchor_resolves(site: Site) -> None:
    links = site.links()
    assert links.refs, "no links found: the parser read nothing"
    fail_on(f"{site.name}: broken links", link_findings(links))


def test_the_check_catches_a_broken_link_and_anchor(site: Site) -> None:
    """The checker itself: a missing page, a missing id and a root-relative link are found."""
    links = site.links()
    fake = [Ref("index.html", 1, "a", "href", url, False)
            for url in ("nie-ma-takiej-strony/", "rejestr/#nie-ma-takiego-id", "/rejestr/",
                        "../poza/", "rejestr/")]
    found = link_findings(SiteLinks(links.root, links.ids, fake))
    assert [f.rule.split(":")[0] for f in found] == [
        "broken link", "broken anchor", "root-relative link", "leads outside the site"]
