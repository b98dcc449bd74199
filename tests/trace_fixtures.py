"""A small resolved layer written straight into the graph, for the trace tests (graph, web, CLI).

Between Ani and Budi (the ends):
- Ani -SUPPORTED (proven, 2024-10-10)-> Citra, a candidate, -RUNNING_MATE_OF (proven, no date)-> Budi: 2 hops.
- Ani -FAMILY_OF-> Dewi -FAMILY_OF-> Eko -FAMILY_OF-> Budi (2023): 3 hops through people with two links each.
- Ani and Budi both EMPLOYED_BY "BKN Uji", a hub with HUB_FILLERS + 2 links (no dates): 2 hops.
- Ani -APPOINTED_BY-> Rantai 1 -> 2 -> 3 -> 4 -> Budi (proven, no dates): 5 hops.
- Ani EMPLOYED_BY "Dinas Uji" as two documents state it (two parallel links): the shortest-path
  search without the simple-path check walked Ani -> Dinas -> Ani -> ... (the bug of #19), and those
  4-hop walks come before the 5-hop chain.
Between Ira and Joko (status ranking): through Kiki (proven links), Lala (alleged), Mira (not proven),
each of them with two links.
"""

HUB_ID = "agency:bkn-uji"
HUB_FILLERS = 300
ANI, BUDI = "person:ani", "person:budi"
IRA, JOKO = "person:ira", "person:joko"
SUPPORT_PATH = (ANI, "person:citra", BUDI)
FAMILY_PATH = (ANI, "person:dewi", "person:eko", BUDI)
HUB_PATH = (ANI, HUB_ID, BUDI)
CHAIN_PATH = (ANI, *(f"person:rantai-{i}" for i in range(1, 5)), BUDI)

GRAPH = """
CREATE (ani:Person {id: 'person:ani', name: 'Ani Uji'}), (budi:Person {id: 'person:budi', name: 'Budi Uji'}),
       (citra:Person {id: 'person:citra', name: 'Citra Uji'}), (dewi:Person {id: 'person:dewi', name: 'Dewi Uji'}),
       (eko:Person {id: 'person:eko', name: 'Eko Uji'}),
       (bkn:Agency {id: $hub, name: 'BKN Uji'}), (dinas:Agency {id: 'agency:dinas-uji', name: 'Dinas Uji'})
CREATE (ani)-[:SUPPORTED {status: 'proven', date: '2024-10-10', document_id: 'casedoc:u1', start: 10, end: 40,
                          sentence: 'Ani Uji mendukung Citra Uji.'}]->(citra)
CREATE (citra)-[:RUNNING_MATE_OF {status: 'proven', document_id: 'casedoc:u1', start: 50, end: 80,
                                  sentence: 'Citra Uji dan Budi Uji.'}]->(budi)
CREATE (ani)-[:FAMILY_OF {status: 'alleged', date: '2023-05-01', document_id: 'casedoc:u2', start: 0, end: 9}]->(dewi)
CREATE (dewi)-[:FAMILY_OF {status: 'proven', date: '2023-05-02', document_id: 'casedoc:u2', start: 10, end: 19}]->(eko)
CREATE (eko)-[:FAMILY_OF {status: 'alleged', date: '2023-05-03', document_id: 'casedoc:u2', start: 20, end: 29}]->(budi)
CREATE (ani)-[:EMPLOYED_BY {status: 'proven', document_id: 'casedoc:u3', start: 0, end: 5}]->(bkn)
CREATE (budi)-[:EMPLOYED_BY {status: 'proven', document_id: 'casedoc:u4', start: 0, end: 5}]->(bkn)
CREATE (ani)-[:EMPLOYED_BY {status: 'alleged', date: '2024-02-01', document_id: 'casedoc:u5', start: 0,
                            end: 5}]->(dinas)
CREATE (ani)-[:EMPLOYED_BY {status: 'proven', date: '2024-03-01', document_id: 'casedoc:u6', start: 0, end: 5}]->(dinas)
WITH ani, budi, bkn
UNWIND range(1, $fillers) AS i
CREATE (:Person {id: 'person:filler-' + i, name: 'Pegawai Uji ' + i})-[:EMPLOYED_BY {status: 'proven'}]->(bkn)
WITH DISTINCT ani, budi
UNWIND range(1, 4) AS i
CREATE (:Person {id: 'person:rantai-' + i, name: 'Rantai Uji ' + i})
WITH DISTINCT ani, budi
MATCH (first:Person {id: 'person:rantai-1'}), (second:Person {id: 'person:rantai-2'}),
      (third:Person {id: 'person:rantai-3'}), (fourth:Person {id: 'person:rantai-4'})
CREATE (ani)-[:APPOINTED_BY {status: 'proven', document_id: 'casedoc:u7', start: 0, end: 1}]->(first),
       (first)-[:APPOINTED_BY {status: 'proven', document_id: 'casedoc:u7', start: 1, end: 2}]->(second),
       (second)-[:APPOINTED_BY {status: 'proven', document_id: 'casedoc:u7', start: 2, end: 3}]->(third),
       (third)-[:APPOINTED_BY {status: 'proven', document_id: 'casedoc:u7', start: 3, end: 4}]->(fourth),
       (fourth)-[:APPOINTED_BY {status: 'proven', document_id: 'casedoc:u7', start: 4, end: 5}]->(budi)
"""

STATUSES = """
CREATE (ira:Person {id: 'person:ira', name: 'Ira Uji'}), (joko:Person {id: 'person:joko', name: 'Joko Uji'})
WITH ira, joko
UNWIND [['person:kiki', 'Kiki Uji', 'proven'], ['person:lala', 'Lala Uji', 'alleged'],
        ['person:mira', 'Mira Uji', 'not_proven']] AS row
CREATE (ira)-[:SUPPORTED {status: row[2], document_id: 'casedoc:s-' + row[0]}]->(m:Person {id: row[0], name: row[1]})
CREATE (m)-[:FAMILY_OF {status: row[2], document_id: 'casedoc:s-' + row[0]}]->(joko)
"""


def write_trace_graph(graph) -> None:
    """The graph above, in a wiped database."""
    from graph.schema import wipe

    wipe(graph)
    graph.write(GRAPH, hub=HUB_ID, fillers=HUB_FILLERS)
    graph.write(STATUSES)


def node_ids(path: dict) -> tuple[str, ...]:
    """The entities a path (as JSON) passes, in order."""
    return (path["hops"][0]["source"]["id"], *(hop["target"]["id"] for hop in path["hops"]))
