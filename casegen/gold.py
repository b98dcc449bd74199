"""The gold for the generated corpus, written as the corpus is generated.

`gold.json` has the shape of the hand-made development gold (/work/shared/eval/cases-dev),
extended:

    note, generator          what this is; seed and number of cases
    persons   [{key, name, nip | ni_pppk (only if printed), kind (ASN, Candidate, Official),
                employment (PNS, PPPK), position, agency, race, races (if more than one),
                docs, mentions (every way the name was printed, titles included)}]
    links     [{from, to, type (SUPPORTED, FAMILY, APPOINTED_BY), detail (FAMILY: the relation of
                `from` to `to`; APPOINTED_BY: the post), case, docs,
                evidence: [{doc, sentence}] (each sentence occurs verbatim in its document)}]
    not_links [{from, to, type: SUPPORTED, why, case, docs, sentences}]: support alleged in a case
               that was not proven or was stopped; such cases never yield a SUPPORTED link
    citations {doc: ["UU 5/2014 Pasal 9 ayat (2)", "PP 94/2021", ...]}: what each document
               cites, provisions and whole regulations, as read by a careful reader (OCR slips
               read through); every string is a core.refs ProvisionRef's regulation citation
               followed by its path
    noise     {doc: [{kind, printed, intended | note, person?}]}: OCR slips in citations,
               misspelt names, citations of a law already replaced, for documents that have any

Links are listed per case: the same pair may appear again for another case. Memory stays
bounded: every section is streamed to a part file and the parts are joined at the end; people
are written when they can no longer appear (see population.py), the rest at the end.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .cases import Case
from .documents import doc_id_of_code
from .draft import Draft, LinkKey
from .people import Person

SECTIONS = ("persons", "links", "not_links", "citations", "noise")
OBJECT_SECTIONS = ("citations", "noise")  # objects keyed by document; the others are arrays
NOTE = ("Generated fictional corpus of ASN-neutrality case documents (casegen). Persons are named "
        "without titles; an adat title (Datuak ...) is part of the name.")


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def person_entry(person: Person) -> dict:
    entry: dict = {"key": person.key, "name": person.name}
    if person.number_printed:
        entry["ni_pppk" if person.employment == "PPPK" else "nip"] = person.nip
    entry["kind"] = person.gold_kind
    if person.employment:
        entry["employment"] = person.employment
    if person.title_position:
        entry["position"] = person.title_position
    if person.gold_agency:
        entry["agency"] = person.gold_agency
    if person.races:
        entry["race"] = person.races[0]
        if len(person.races) > 1:
            entry["races"] = list(person.races)
    entry["docs"] = [doc_id_of_code(code) for code in person.doc_codes]
    entry["mentions"] = list(person.mentions)
    return entry


def _detail(case: Case, key: LinkKey) -> str | None:
    kind, source, _ = key
    if kind == "FAMILY":
        person = case.respondent if source == case.respondent.key else case.co_actor
        return person.family.relation
    if kind == "APPOINTED_BY":
        return case.respondent.office.title
    return None


def _why(case: Case) -> str:
    if case.outcome == "dihentikan":
        return f"{case.id}: handling stopped ({case.stop_reason}); nothing was proven"
    return f"{case.id}: not proven ({case.outcome_stage})"


def case_links(case: Case, drafts: list[Draft]) -> tuple[list[dict], list[dict]]:
    """The case's links (with the sentences stating them) and its unproven SUPPORTED claims."""
    evidence: dict[LinkKey, list[dict]] = {}
    for draft in drafts:
        for key, sentences in draft.evidence.items():
            evidence.setdefault(key, []).extend({"doc": draft.doc_id, "sentence": s} for s in sentences)
    links, not_links = [], []
    for key, stated in evidence.items():
        kind, source, target = key
        docs = list(dict.fromkeys(item["doc"] for item in stated))
        if kind == "SUPPORTED" and case.outcome != "terbukti":
            not_links.append({"from": source, "to": target, "type": kind, "why": _why(case), "case": case.id,
                              "docs": docs, "sentences": stated})
            continue
        link = {"from": source, "to": target, "type": kind}
        detail = _detail(case, key)
        if detail:
            link["detail"] = detail
        link.update({"case": case.id, "docs": docs, "evidence": stated})
        links.append(link)
    return links, not_links


class GoldWriter:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.parts_dir = out_dir / ".gold-parts"
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        self._files = {name: open(self.parts_dir / f"{name}.part", "w", encoding="utf-8") for name in SECTIONS}
        self.counts = dict.fromkeys(SECTIONS, 0)

    def _write(self, section: str, text: str) -> None:
        separator = ",\n" if self.counts[section] else ""
        self._files[section].write(separator + text)
        self.counts[section] += 1

    def person(self, person: Person) -> None:
        """Write a person who will not be mentioned again (people never mentioned are left out)."""
        if person.doc_codes and not person.written:
            person.written = True
            self._write("persons", _dump(person_entry(person)))

    def case(self, case: Case, drafts: list[Draft]) -> None:
        links, not_links = case_links(case, drafts)
        for link in links:
            self._write("links", _dump(link))
        for item in not_links:
            self._write("not_links", _dump(item))
        for draft in drafts:
            self._write("citations", f"{_dump(draft.doc_id)}: {_dump(list(draft.citations))}")
            if draft.notes:
                self._write("noise", f"{_dump(draft.doc_id)}: {_dump(draft.notes)}")

    def finish(self, generator: dict) -> Path:
        """Join the parts into gold.json and remove them."""
        for handle in self._files.values():
            handle.close()
        target = self.out_dir / "gold.json"
        with open(target, "w", encoding="utf-8") as out:
            out.write(f"{{\n \"note\": {_dump(NOTE)},\n \"generator\": {_dump(generator)}")
            for section in SECTIONS:
                opening, closing = ("{", "}") if section in OBJECT_SECTIONS else ("[", "]")
                out.write(f",\n \"{section}\": {opening}\n")
                with open(self.parts_dir / f"{section}.part", encoding="utf-8") as part:
                    shutil.copyfileobj(part, out)
                out.write(f"\n {closing}")
            out.write("\n}\n")
        shutil.rmtree(self.parts_dir)
        return target
