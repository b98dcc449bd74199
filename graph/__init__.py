"""The graph database: the local server, the driver layer, the schema, and every Cypher statement
Netra runs, in named functions grouped by subject."""
