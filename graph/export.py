"""The case layer out of the graph and back: `netra export` and `netra import`.

What is exported (and all that `import` restores):

- nodes labelled Case, PersonMention, Person, Agency, Position, Region, Election, Sanction,
  MergeDecision, and the case-layer Documents (Document plus one of CaseDocument, Register,
  Report), with all their labels and properties;
- relationships of the types in RELATIONSHIP_TYPES that start at one of those nodes and end at
  one of them or at a Provision, with all their properties. The regulations themselves are not
  exported: links into them (CITES) are restored when the provision is in the graph at import
  time (load the regulations first) and counted as `unlinked` otherwise.

Formats:

- `jsonl`: a header line ({"format": "netra-case-graph", "version": 1}), then one object per
  node ({"kind": "node", "labels", "properties"}), then one per relationship ({"kind":
  "relationship", "type", "start": {"label", "id"}, "end": {"label", "id"}, "properties"}).
  Date-times are {"$datetime": ISO 8601}, dates {"$date": ...}. `import` reads this format.
- `ftm`: FollowTheMoney entities, one JSON object per line, as Aleph loads them (persons,
  agencies, positions, cases, regions, sanctions and documents, and the links between them with
  their evidence; see FTM_NODES and FTM_LINKS).
- `graphml`: GraphML 1.0, node ids "Label:id"; lists and date-times as JSON text; the provisions
  linked to appear as bare nodes (labels and id only).
- `csv`: nodes.csv (label, id, labels, name, properties as JSON) and edges.csv (type, start and end
  label and id, status, date, document_id, properties as JSON), in a .zip or a folder; edges may
  end at provisions, which nodes.csv does not list. The web export (for people) adds the codes in
  words: label_text, stage_text, outcome_text, act_text, status_text, level_text; type_text, status_text.
"""

from __future__ import annotations

import csv
import json
import sys
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape, quoteattr

from neo4j.time import Date, DateTime

from graph.cases import DOCUMENT_KINDS
from graph.alerts import evaluate_alerts
from graph.db import Graph
from graph.jsonl import counted, json_line
from core.errors import NetraError

FORMAT_NAME, FORMAT_VERSION = "netra-case-graph", 1
FORMATS = ("jsonl", "ftm", "graphml", "csv")
# The label a node is matched by (each has a unique id constraint); documents by Document.
KEY_LABELS = ("Document", "Case", "PersonMention", "Person", "Agency", "Position", "Region", "Election",
              "Sanction", "MergeDecision")
NODE_LABELS = set(KEY_LABELS) | set(DOCUMENT_KINDS)
OUTSIDE_LABELS = ("Provision",)  # linked to, not exported
RELATIONSHIP_TYPES = ("ABOUT", "MENTIONED_IN", "CLAIMS", "MENTION_OF", "FOUND_BY", "HANDLED_BY", "RECOMMENDED_BY",
                      "IN_REGION", "IN_ELECTION", "RESULTED_IN", "SANCTIONED_BY", "CITES", "MENTIONS", "PART_OF",
                      "SUPPORTED", "FAMILY_OF", "APPOINTED_BY", "RUNNING_MATE_OF", "HOLDS_POSITION",
                      "EMPLOYED_BY", "RESPONDENT_IN")
PAGE = 2000

_CASE_DOCUMENT = "(" + " OR ".join(f"n:{kind}" for kind in DOCUMENT_KINDS) + ")"
_ONLY = {"Document": f"AND {_CASE_DOCUMENT}"}  # regulations' documents are not part of the case layer
_END_IS_CASE_DOCUMENT = _CASE_DOCUMENT.replace("n:", "b:")

NODE_PAGE = """
MATCH (n:{label}) WHERE n.id > $after {only}
RETURN labels(n) AS labels, n {{.*}} AS properties
ORDER BY n.id LIMIT $page
"""

NODE_ID_PAGE = """
MATCH (n:{label}) WHERE n.id > $after {only}
RETURN n.id AS id
ORDER BY n.id LIMIT $page
"""

COUNT_NODES = "MATCH (n:{label}) WHERE true {only} RETURN count(n) AS n"

RELATIONSHIPS_OF = """
MATCH (n:{label}) WHERE n.id IN $ids
MATCH (n)-[r:{types}]->(b:{targets})
WHERE NOT b:Document OR {case_document}
RETURN n.id AS start, type(r) AS type, b.id AS end,
       CASE WHEN b:Document THEN 'Document' ELSE [l IN labels(b) WHERE l IN $key_labels][0] END AS end_label,
       r {{.*}} AS properties
ORDER BY start, type, end_label, end
"""

COUNT_RELATIONSHIPS = """
MATCH (n:{label})-[r:{types}]->(b:{targets}) WHERE true {only} AND (NOT b:Document OR {case_document})
RETURN count(r) AS n
"""

CASE_LAYER_NODES = "MATCH (n:{label}) WHERE true {only} RETURN count(n) > 0 AS found"

CREATE_NODES = """
UNWIND $rows AS row
CREATE (n:{labels})
SET n = row
"""

CREATE_RELATIONSHIPS = """
UNWIND $rows AS row
MATCH (a:{start} {{id: row.start}})
MATCH (b:{end} {{id: row.end}})
CREATE (a)-[r:{type}]->(b)
SET r = row.properties
RETURN count(r) AS created
"""


# -- reading the case layer -----------------------------------------------------------------

def header() -> dict:
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "labels": sorted(NODE_LABELS),
            "types": list(RELATIONSHIP_TYPES)}


def count_records(graph: Graph) -> int:
    """How many nodes and relationships an export writes (for progress)."""
    total = 0
    for label in KEY_LABELS:
        only = _ONLY.get(label, "")
        total += graph.read(COUNT_NODES.format(label=label, only=only))[0]["n"]
        total += graph.read(COUNT_RELATIONSHIPS.format(label=label, only=only, types=_types(), targets=_targets(),
                                                       case_document=_END_IS_CASE_DOCUMENT))[0]["n"]
    return total


def iter_records(graph: Graph) -> Iterator[dict]:
    """Every node, then every relationship, as jsonl records (page by page: nothing is held whole)."""
    for label in KEY_LABELS:
        pages = _pages(graph, NODE_PAGE.format(label=label, only=_ONLY.get(label, "")),
                       lambda row: row["properties"]["id"])
        for page in pages:
            for row in page:
                yield {"kind": "node", "labels": sorted(row["labels"], key=_label_order),
                       "properties": _plain(row["properties"])}
    for label in KEY_LABELS:
        cypher = RELATIONSHIPS_OF.format(label=label, types=_types(), targets=_targets(),
                                         case_document=_END_IS_CASE_DOCUMENT)
        for page in _pages(graph, NODE_ID_PAGE.format(label=label, only=_ONLY.get(label, "")), lambda row: row["id"]):
            for row in graph.read(cypher, ids=[r["id"] for r in page], key_labels=list(KEY_LABELS + OUTSIDE_LABELS)):
                yield {"kind": "relationship", "type": row["type"], "start": {"label": label, "id": row["start"]},
                       "end": {"label": row["end_label"], "id": row["end"]}, "properties": _plain(row["properties"])}


def _pages(graph: Graph, cypher: str, id_of: Callable[[dict], str]) -> Iterator[list[dict]]:
    """Rows in pages ordered by node id: each page starts after the last id of the one before."""
    after = ""
    while True:
        page = graph.read(cypher, after=after, page=PAGE)
        if not page:
            return
        yield page
        after = id_of(page[-1])


def _types() -> str:
    return "|".join(RELATIONSHIP_TYPES)


def _targets() -> str:
    return "|".join(KEY_LABELS + OUTSIDE_LABELS)


def _label_order(label: str) -> tuple[int, str]:
    """The key label first ("Document", "CaseDocument")."""
    return (0 if label in KEY_LABELS else 1, label)


def _plain(properties: dict) -> dict:
    """Neo4j values as JSON values; temporal ones tagged so that import restores their type."""
    return {key: _plain_value(value) for key, value in sorted(properties.items())}


def _plain_value(value):
    if isinstance(value, DateTime):
        return {"$datetime": value.iso_format()}
    if isinstance(value, Date):
        return {"$date": value.iso_format()}
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if isinstance(value, list):
        return [_plain_value(item) for item in value]
    raise NetraError(f"cannot export a property of type {type(value).__name__}")


def _neo4j_value(value):
    if isinstance(value, dict) and "$datetime" in value:
        return DateTime.from_iso_format(value["$datetime"])
    if isinstance(value, dict) and "$date" in value:
        return Date.from_iso_format(value["$date"])
    if isinstance(value, list):
        return [_neo4j_value(item) for item in value]
    return value


# -- writing a format ------------------------------------------------------------------------

def export(graph: Graph, fmt: str, out: str | None, progress: Callable[[int], object] = lambda n: None) -> None:
    """Write the case layer in `fmt` to the file (or, for csv, .zip or folder) `out`, or to
    stdout when `out` is None (not for csv)."""
    if fmt not in FORMATS:
        raise NetraError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    records = counted(iter_records(graph), progress)
    if fmt == "csv":
        if not out:
            raise NetraError("csv needs --out: a .zip file or a folder for nodes.csv and edges.csv")
        write_csv(records, Path(out))
        return
    writer = {"jsonl": write_jsonl, "ftm": write_ftm, "graphml": write_graphml}[fmt]
    if out is None:
        writer(records, sys.stdout)
        return
    with open(out, "w", encoding="utf-8", newline="\n") as stream:
        writer(records, stream)


def write_jsonl(records: Iterable[dict], stream: IO[str]) -> None:
    stream.write(json_line(header()) + "\n")
    for record in records:
        stream.write(json_line(record) + "\n")


# FollowTheMoney: which nodes become which entities, and which links which interval schemata
# (schema, the property naming the link's start, the one naming its end, the property for the
# link's detail, a fixed role). Every link also carries its date, its status and document span
# in `summary` and the sentence that states it in `description`. FtM has `proof` (a Document) on
# things only, not on interval schemata: the links name their document in `recordId` and
# `summary`, and persons and cases carry the documents that state them as `proof`.
# A Region becomes an Address (FtM has no administrative-area schema; an Address is a thing
# that cases can point at, where `country` is only a country code); a Sanction becomes a
# Sanction whose `entity` is the case's respondent (the case's Event when the case names no
# single respondent).
FTM_NODES = {"Person": "Person", "Agency": "PublicBody", "Position": "Position", "Case": "Event",
             "Region": "Address", "Sanction": "Sanction", "Document": "Document"}
FTM_LINKS = {
    "FAMILY_OF": ("Family", "person", "relative", "relationship", None),
    "RUNNING_MATE_OF": ("Associate", "person", "associate", "relationship", "running mate"),
    "EMPLOYED_BY": ("Employment", "employee", "employer", "role", None),
    "HOLDS_POSITION": ("Occupancy", "holder", "post", None, None),
    "SUPPORTED": ("UnknownLink", "subject", "object", "role", "supported"),
    "APPOINTED_BY": ("UnknownLink", "subject", "object", "role", "appointed by"),
    "RESPONDENT_IN": ("UnknownLink", "subject", "object", "role", "respondent in"),
    "FOUND_BY": ("UnknownLink", "subject", "object", "role", "found by"),
    "HANDLED_BY": ("UnknownLink", "subject", "object", "role", "handled by"),
    "RECOMMENDED_BY": ("UnknownLink", "subject", "object", "role", "recommended by"),
}
# Completed by links that come after every node in the export (a case's region, documents and
# respondents; a sanction's case and authority), so written last: about two per case.
FTM_HELD = ("Case", "Sanction")
FTM_PUBLISHER = "Netra"


def write_ftm(records: Iterable[dict], stream: IO[str]) -> None:
    from followthemoney import model  # loaded only for this format: it takes a while

    held = _FtmHeld()
    for record in records:
        if record["kind"] == "node":
            entity = _ftm_node(model, record)
            if entity is not None and held.keep(record, entity):
                continue
        else:
            held.complete(record)
            entity = _ftm_link(model, record)
        if entity is not None:
            stream.write(json_line(entity.to_dict()) + "\n")
    for entity in held.completed():
        stream.write(json_line(entity.to_dict()) + "\n")


class _FtmHeld:
    """Cases and sanctions held back until the links that complete them have been read."""

    def __init__(self):
        self.entities: dict[tuple[str, str], object] = {}  # (label, id) -> entity
        self.names: dict[tuple[str, str], str] = {}  # agencies and regions, for readable properties
        self.sanction_case: dict[str, str] = {}
        self.respondents: dict[str, list[str]] = {}  # case id -> FtM ids of its respondents

    def keep(self, record: dict, entity) -> bool:
        """Hold a case or sanction (True); remember an agency's or region's name."""
        label, props = record["labels"][0], record["properties"]
        if label in FTM_HELD:
            self.entities[(label, props["id"])] = entity
            return True
        if label in ("Agency", "Region"):
            self.names[(label, props["id"])] = props.get("name") or props["id"]
        return False

    def complete(self, record: dict) -> None:
        kind, start, end = record["type"], record["start"], record["end"]
        if kind == "RESULTED_IN":
            self.sanction_case[end["id"]] = start["id"]
        elif kind == "SANCTIONED_BY" and ("Sanction", start["id"]) in self.entities:
            self.entities[("Sanction", start["id"])].add("authority", self.names.get(("Agency", end["id"])))
        elif kind in ("IN_REGION", "ABOUT", "RESPONDENT_IN"):
            case_id = start["id"] if kind == "IN_REGION" else end["id"]
            if ("Case", case_id) in self.entities:
                self._complete_case(self.entities[("Case", case_id)], kind, start, end)

    def _complete_case(self, case, kind: str, start: dict, end: dict) -> None:
        if kind == "IN_REGION":
            case.add("addressEntity", ftm_id("Region", end["id"]))
            case.add("location", self.names.get(("Region", end["id"])))
        elif kind == "ABOUT":
            case.add("proof", ftm_id("Document", start["id"]))
        else:
            case.add("involved", ftm_id("Person", start["id"]))
            self.respondents.setdefault(end["id"], []).append(ftm_id("Person", start["id"]))

    def completed(self):
        for (label, node_id), entity in self.entities.items():
            if label == "Sanction":
                case_id = self.sanction_case.get(node_id)
                respondents = sorted(set(self.respondents.get(case_id, [])))
                entity.add("entity", respondents if len(respondents) == 1 else
                           [ftm_id("Case", case_id)] if case_id else [])
            yield entity


def ftm_id(label: str, node_id: str) -> str:
    """The FtM entity id of a node: stable across exports, so Aleph updates rather than duplicates."""
    from followthemoney.util import make_entity_id

    return make_entity_id("netra", label, node_id)


def _ftm_node(model, record: dict):
    label, props = record["labels"][0], record["properties"]
    if label not in FTM_NODES:
        return None
    entity = model.make_entity(FTM_NODES[label])
    entity.id = ftm_id(label, props["id"])
    entity.add("country", "id")
    entity.add("publisher", FTM_PUBLISHER)
    _FTM_PROPERTIES.get(label, _ftm_named)(entity, record)
    return entity


def _ftm_person(entity, record: dict) -> None:
    props = record["properties"]
    entity.add("name", props.get("name"))
    entity.add("alias", [name for name in props.get("names") or [] if name != props.get("name")])
    entity.add("idNumber", props.get("nip"))
    entity.add("position", props.get("positions") or [])
    entity.add("title", props.get("titles") or [])
    entity.add("classification", props.get("kind"))
    entity.add("proof", [ftm_id("Document", document_id) for document_id in props.get("documents") or []])


def _ftm_case(entity, record: dict) -> None:
    props = record["properties"]
    entity.add("name", props.get("number") or props["id"])
    entity.add("recordId", props["id"])
    entity.add("date", props.get("act_date"))
    entity.add("summary", f"stage {props.get('stage')}, outcome {props.get('outcome')}")
    entity.add("description", props.get("act"))


def _ftm_region(entity, record: dict) -> None:
    """A region's name names the regions it lies in ("Kecamatan X, Kota Y", as ingest writes it)."""
    props = record["properties"]
    name = props.get("name") or props["id"]
    entity.add("full", name)
    entity.add("summary", props.get("level"))
    for part in name.split(","):
        part = part.strip()
        if part.startswith(("Kota ", "Kabupaten ")):
            entity.add("city", part)
        elif part.startswith("Provinsi "):
            entity.add("region", part)


def _ftm_sanction(entity, record: dict) -> None:
    """FtM's `provisions` is the measure imposed, its `program` the legal regime behind it."""
    props = record["properties"]
    entity.add("recordId", props["id"])
    entity.add("summary", f"hukuman disiplin {props['level']}" if props.get("level") else None)
    entity.add("provisions", props.get("type"))
    entity.add("program", props.get("legal_basis") or [])
    entity.add("status", props.get("status"))
    entity.add("reason", props.get("sentence"))


def _ftm_document(entity, record: dict) -> None:
    props = record["properties"]
    entity.add("title", props.get("title") or props["id"])
    entity.add("date", props.get("date"))  # the date it bears (ingest/cases/case_facts.py document_date)
    entity.add("fileName", Path(props["path"]).name if props.get("path") else None)
    entity.add("extension", props.get("format"))
    entity.add("language", "ind")
    entity.add("summary", f"{record['labels'][-1]} {props['id']}")


def _ftm_named(entity, record: dict) -> None:
    props = record["properties"]
    entity.add("name", props.get("name") or props["id"])
    if record["labels"][0] == "Agency":
        entity.add("classification", props.get("kind"))


_FTM_PROPERTIES = {"Person": _ftm_person, "Case": _ftm_case, "Region": _ftm_region, "Sanction": _ftm_sanction,
                   "Document": _ftm_document}


def _ftm_link(model, record: dict):
    if record["type"] not in FTM_LINKS or record["start"]["label"] not in FTM_NODES \
            or record["end"]["label"] not in FTM_NODES:
        return None
    schema, start_property, end_property, detail_property, role = FTM_LINKS[record["type"]]
    props, start, end = record["properties"], record["start"], record["end"]
    entity = model.make_entity(schema)
    entity.make_id("netra-link", record["type"], start["id"], end["id"], props.get("document_id"),
                   str(props.get("start")), str(props.get("end")))
    entity.add(start_property, ftm_id(start["label"], start["id"]))
    entity.add(end_property, ftm_id(end["label"], end["id"]))
    if detail_property:
        entity.add(detail_property, role or props.get("detail"))
    entity.add("date", props.get("date"))
    if "status" in entity.schema.properties:
        entity.add("status", props.get("status"))
    span = f" [{props.get('start')}-{props.get('end')}]" if props.get("start") is not None else ""
    entity.add("summary", f"{record['type']}, {props.get('status') or 'no status'}: "
                          f"{props.get('document_id') or 'no document'}{span}"
                          f"{'; ' + props['detail'] if props.get('detail') and role else ''}")
    entity.add("description", props.get("sentence"))
    entity.add("recordId", props.get("document_id"))
    entity.add("publisher", FTM_PUBLISHER)
    return entity


def _node_key(label: str, node_id: str) -> str:
    return f"{label}:{node_id}"


def write_graphml(records: Iterable[dict], stream: IO[str]) -> None:
    """GraphML wants every attribute declared before the graph: the body goes to a temporary
    file while the attribute names are collected."""
    keys: dict[str, set[str]] = {"node": set(), "edge": set()}
    outside: set[str] = set()  # provisions linked to: written as bare nodes, so every edge has both ends
    with tempfile.TemporaryFile("w+", encoding="utf-8") as body:
        for record in records:
            if record["kind"] == "node":
                node_id = _node_key(record["labels"][0], record["properties"]["id"])
                attributes = {"labels": ":" + ":".join(record["labels"]), **record["properties"]}
                body.write(f"<node id={quoteattr(node_id)}>{_graphml_data('node', attributes, keys)}</node>\n")
            else:
                source = _node_key(record["start"]["label"], record["start"]["id"])
                target = _node_key(record["end"]["label"], record["end"]["id"])
                if record["end"]["label"] in OUTSIDE_LABELS and target not in outside:
                    outside.add(target)
                    attributes = {"labels": ":" + record["end"]["label"], "id": record["end"]["id"]}
                    body.write(f"<node id={quoteattr(target)}>{_graphml_data('node', attributes, keys)}</node>\n")
                attributes = {"type": record["type"], **record["properties"]}
                body.write(f"<edge source={quoteattr(source)} target={quoteattr(target)}>"
                           f"{_graphml_data('edge', attributes, keys)}</edge>\n")
        stream.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                     '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
        for domain in ("node", "edge"):
            for name in sorted(keys[domain]):
                stream.write(f'<key id={quoteattr(domain[0] + "_" + name)} for="{domain}" '
                             f'attr.name={quoteattr(name)} attr.type="string"/>\n')
        stream.write('<graph id="netra" edgedefault="directed">\n')
        body.seek(0)
        shutil.copyfileobj(body, stream)
        stream.write("</graph>\n</graphml>\n")


def _graphml_data(domain: str, attributes: dict, keys: dict[str, set[str]]) -> str:
    parts = []
    for name, value in attributes.items():
        if value is None:
            continue
        keys[domain].add(name)
        text = value if isinstance(value, str) else json_line(value)
        parts.append(f"<data key={quoteattr(domain[0] + '_' + name)}>{escape(text)}</data>")
    return "".join(parts)


CSV_TABLES = ("nodes.csv", "edges.csv")
NODE_COLUMNS = ("label", "id", "labels", "name", "properties")
EDGE_COLUMNS = ("type", "start_label", "start_id", "end_label", "end_id", "status", "date", "document_id",
                "properties")


# With labels (code -> words, for people: the web export), each table ends with columns giving
# the words for the node's label or the link's type and for these coded properties.
LABELLED_NODE_PROPERTIES = ("stage", "outcome", "act", "status", "level")
LABELLED_EDGE_PROPERTIES = ("status",)


def write_csv(records: Iterable[dict], out: Path, labels: Mapping[str, str] | None = None) -> None:
    """nodes.csv and edges.csv in `out`: a .zip file, else a folder. With `labels`, the codes
    (labels, link types, stages, outcomes, acts, statuses, levels) also in words, in columns
    named `<column>_text` after the others; a code without words as it is."""
    def words(*codes) -> tuple:
        if labels is None:
            return ()
        return tuple(labels.get(code, code) if isinstance(code, str) else "" for code in codes)

    def header(columns: tuple, labelled: tuple) -> tuple:
        return columns + (tuple(f"{name}_text" for name in labelled) if labels is not None else ())

    with tempfile.TemporaryDirectory() as scratch:
        files = {name: open(Path(scratch) / name, "w", encoding="utf-8", newline="") for name in CSV_TABLES}
        try:
            nodes, edges = csv.writer(files["nodes.csv"]), csv.writer(files["edges.csv"])
            nodes.writerow(header(NODE_COLUMNS, ("label", *LABELLED_NODE_PROPERTIES)))
            edges.writerow(header(EDGE_COLUMNS, ("type", *LABELLED_EDGE_PROPERTIES)))
            for record in records:
                props = record["properties"]
                if record["kind"] == "node":
                    nodes.writerow((record["labels"][0], props["id"], ";".join(record["labels"]),
                                    props.get("name") or "", json_line(props))
                                   + words(record["labels"][0], *map(props.get, LABELLED_NODE_PROPERTIES)))
                else:
                    edges.writerow((record["type"], record["start"]["label"], record["start"]["id"],
                                    record["end"]["label"], record["end"]["id"], props.get("status") or "",
                                    props.get("date") or "", props.get("document_id") or "", json_line(props))
                                   + words(record["type"], *map(props.get, LABELLED_EDGE_PROPERTIES)))
        finally:
            for handle in files.values():
                handle.close()
        _place_tables(Path(scratch), out)


def _place_tables(scratch: Path, out: Path) -> None:
    if out.suffix.lower() == ".zip":
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name in CSV_TABLES:
                archive.write(scratch / name, name)
        return
    out.mkdir(parents=True, exist_ok=True)
    for name in CSV_TABLES:
        shutil.copyfile(scratch / name, out / name)


# -- import ----------------------------------------------------------------------------------

@dataclass
class ImportSummary:
    nodes: int = 0
    relationships: int = 0
    unlinked: int = 0  # relationships whose end (a provision not loaded) is not in the graph


def import_jsonl(graph: Graph, lines: Iterable[str], progress: Callable[[int], object] = lambda n: None,
                 batch: int = PAGE) -> ImportSummary:
    """Restore an export into a graph that holds no case layer (the regulations may be there)."""
    lines = iter(lines)
    _check_header(next(lines, ""))
    if _holds_case_layer(graph):
        raise NetraError("The graph already holds case records; import restores into a graph without them "
                         "(`netra db wipe`, then load the regulations, then import).")
    summary = ImportSummary()
    nodes: dict[tuple[str, ...], list[dict]] = {}
    relationships: dict[tuple[str, str, str], list[dict]] = {}
    for number, line in enumerate(lines, 2):
        if not line.strip():
            continue
        record = _record(line, number)
        if record["kind"] == "node":
            group = nodes.setdefault(_node_labels(record, number), [])
            group.append({key: _neo4j_value(value) for key, value in record["properties"].items()})
            if len(group) >= batch:
                _write_nodes(graph, nodes, summary)
        else:
            group = relationships.setdefault(_relationship_names(record, number), [])
            group.append({"start": record["start"]["id"], "end": record["end"]["id"],
                          "properties": {k: _neo4j_value(v) for k, v in record["properties"].items()}})
            if len(group) >= batch:
                _write_nodes(graph, nodes, summary)  # a relationship's ends before the relationship
                _write_relationships(graph, relationships, summary)
        progress(1)
    _write_nodes(graph, nodes, summary)
    _write_relationships(graph, relationships, summary)
    evaluate_alerts(graph)  # alerts are not exported: the imported case layer raises its own
    return summary


def _check_header(line: str) -> None:
    try:
        first = json.loads(line)
    except json.JSONDecodeError:
        first = None
    if not isinstance(first, dict) or first.get("format") != FORMAT_NAME:
        raise NetraError(f"Not a Netra export: the first line must be the {FORMAT_NAME} header "
                         "(`netra export --format jsonl` writes it).")
    if first.get("version") != FORMAT_VERSION:
        raise NetraError(f"Export version {first.get('version')} is not supported (this Netra reads {FORMAT_VERSION}).")


def _holds_case_layer(graph: Graph) -> bool:
    return any(graph.read(CASE_LAYER_NODES.format(label=label, only=_ONLY.get(label, "")))[0]["found"]
               for label in KEY_LABELS)


def _record(line: str, number: int) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise NetraError(f"line {number}: not JSON ({exc.msg})")
    if not isinstance(record, dict) or record.get("kind") not in ("node", "relationship"):
        raise NetraError(f"line {number}: neither a node nor a relationship")
    if not isinstance(record.get("properties"), dict) or (record["kind"] == "node" and "id" not in record["properties"]):
        raise NetraError(f"line {number}: no properties with an id")
    return record


def _node_labels(record: dict, number: int) -> tuple[str, ...]:
    """Labels become part of the Cypher text: only the case layer's own are accepted."""
    labels = tuple(record.get("labels") or ())
    if not labels or not set(labels) <= NODE_LABELS:
        raise NetraError(f"line {number}: labels {list(labels)} are not the case layer's ({', '.join(sorted(NODE_LABELS))})")
    return labels


def _relationship_names(record: dict, number: int) -> tuple[str, str, str]:
    try:
        start, end, rel_type = record["start"]["label"], record["end"]["label"], record["type"]
    except (KeyError, TypeError):
        raise NetraError(f"line {number}: a relationship needs type, start and end")
    if start not in KEY_LABELS or end not in KEY_LABELS + OUTSIDE_LABELS or rel_type not in RELATIONSHIP_TYPES:
        raise NetraError(f"line {number}: ({start})-[:{rel_type}]->({end}) is not a case-layer relationship")
    return start, rel_type, end


def _write_nodes(graph: Graph, groups: dict[tuple[str, ...], list[dict]], summary: ImportSummary) -> None:
    for labels, rows in groups.items():
        if rows:
            graph.write(CREATE_NODES.format(labels=":".join(labels)), rows=rows)
            summary.nodes += len(rows)
            rows.clear()


def _write_relationships(graph: Graph, groups: dict[tuple[str, str, str], list[dict]],
                         summary: ImportSummary) -> None:
    for (start, rel_type, end), rows in groups.items():
        if rows:
            created = graph.write(CREATE_RELATIONSHIPS.format(start=start, type=rel_type, end=end), rows=rows)
            summary.relationships += created[0]["created"]
            summary.unlinked += len(rows) - created[0]["created"]
            rows.clear()
