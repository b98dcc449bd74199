"""The graph layer against the real server."""

import pytest
from neo4j.exceptions import ConstraintError

from core.errors import DatabaseOutOfMemory
from graph.schema import CURRENT_VERSION, counts, migrate, schema_version, wipe

pytestmark = pytest.mark.neo4j


def test_nodes_written_are_read_back(graph):
    graph.write(
        "UNWIND $rows AS row CREATE (:Regulation {id: row.id, title: row.title})",
        rows=[{"id": "uu/2014/5", "title": "Aparatur Sipil Negara"}, {"id": "pp/2021/94", "title": "Disiplin PNS"}],
    )
    graph.write(
        "MATCH (a:Regulation {id: $a}), (b:Regulation {id: $b}) CREATE (b)-[:IMPLEMENTS]->(a)",
        a="uu/2014/5", b="pp/2021/94",
    )
    rows = graph.read("MATCH (b)-[:IMPLEMENTS]->(a) RETURN a.title AS base, b.id AS implementer")
    assert rows == [{"base": "Aparatur Sipil Negara", "implementer": "pp/2021/94"}]
    assert counts(graph) == {"nodes": 2, "relationships": 1}


def test_parameters_are_data_not_cypher(graph):
    hostile = "x'}) DETACH DELETE n //"
    graph.write("CREATE (:Person {id: $id, name: $name})", id="p1", name=hostile)
    assert graph.read("MATCH (p:Person {id: 'p1'}) RETURN p.name AS name") == [{"name": hostile}]


def test_migrations_are_recorded_and_idempotent(graph):
    assert schema_version(graph) == CURRENT_VERSION
    assert migrate(graph) == []
    assert schema_version(graph) == CURRENT_VERSION


def test_ids_are_unique(graph):
    graph.write("CREATE (:Provision {id: 'uu/2014/5/pasal-1'})")
    with pytest.raises(ConstraintError):
        graph.write("CREATE (:Provision {id: 'uu/2014/5/pasal-1'})")


def test_a_failed_transaction_leaves_nothing(graph):
    def half_then_fail(tx):
        tx.run("CREATE (:Document {id: 'doc-1'})")
        tx.run("CREATE (:Document {id: 'doc-1'})")  # violates the constraint

    with pytest.raises(ConstraintError):
        graph.write_all(half_then_fail)
    assert counts(graph)["nodes"] == 0


def test_a_transaction_too_large_for_the_server_is_a_clear_error(graph):
    """Not a driver traceback: what happened, how to give the server more memory, nothing written."""
    with pytest.raises(DatabaseOutOfMemory, match="NETRA_NEO4J_HEAP.*Nothing of that transaction was written"):
        graph.run_autocommit("UNWIND range(1, 500000000) AS i WITH collect(i) AS numbers "
                             "CREATE (:Document {id: 'huge', size: size(numbers)})")
    assert counts(graph)["nodes"] == 0


def test_wipe_removes_data_and_keeps_the_schema(graph):
    graph.write("UNWIND range(1, 2500) AS i CREATE (:Document {id: toString(i)})-[:HAS]->(:Citation {id: 'c' + i})")
    assert counts(graph) == {"nodes": 5000, "relationships": 2500}
    wipe(graph)
    assert counts(graph) == {"nodes": 0, "relationships": 0}
    assert schema_version(graph) == CURRENT_VERSION
