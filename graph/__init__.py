"""The graph database: configuration, the local server, the driver layer and the schema."""
