namespace TownLake.Catalog.Stores;

/// <summary>
/// The store's schema, as numbered migrations applied in order on start. The SQL is common to SQLite and PostgreSQL;
/// the one word that differs (an auto-numbered key) is passed in. Never edit an applied migration: add a new one.
/// </summary>
public static class CatalogMigrations
{
    public static IEnumerable<(int Version, string[] Statements)> All(string identityColumn)
    {
        yield return (1,
        [
            """
            CREATE TABLE entities (
              urn TEXT PRIMARY KEY,
              type TEXT NOT NULL,
              name TEXT NOT NULL,
              catalog TEXT,
              schema_name TEXT,
              platform TEXT,
              removed INTEGER NOT NULL DEFAULT 0,
              created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL,
              version BIGINT NOT NULL,
              doc TEXT NOT NULL)
            """,
            "CREATE INDEX ix_entities_type_name ON entities (type, name)",
            "CREATE INDEX ix_entities_catalog ON entities (catalog, schema_name)",
            """
            CREATE TABLE entity_links (
              urn TEXT NOT NULL,
              rel TEXT NOT NULL,
              target TEXT NOT NULL,
              PRIMARY KEY (urn, rel, target))
            """,
            "CREATE INDEX ix_entity_links_target ON entity_links (rel, target)",
            $"""
            CREATE TABLE changes (
              id {identityColumn},
              urn TEXT NOT NULL,
              aspect TEXT NOT NULL,
              actor TEXT NOT NULL,
              at BIGINT NOT NULL,
              summary TEXT NOT NULL,
              before_json TEXT,
              after_json TEXT)
            """,
            "CREATE INDEX ix_changes_urn ON changes (urn, id)",
            """
            CREATE TABLE lineage_edges (
              upstream TEXT NOT NULL,
              downstream TEXT NOT NULL,
              upstream_column TEXT NOT NULL,
              downstream_column TEXT NOT NULL,
              origin TEXT NOT NULL,
              job TEXT NOT NULL,
              transformation TEXT,
              expression TEXT,
              updated_at BIGINT NOT NULL,
              PRIMARY KEY (downstream, downstream_column, upstream, upstream_column, origin, job))
            """,
            "CREATE INDEX ix_lineage_upstream ON lineage_edges (upstream, upstream_column)",
        ]);

        // Lineage ingestion: received OpenLineage events (idempotent by key + content hash), the outside names
        // (OpenLineage namespace + name) of catalog datasets, and a counter every lineage write bumps so in-memory
        // lineage indexes know when to reload.
        yield return (10,
        [
            """
            CREATE TABLE lineage_events (
              event_key TEXT PRIMARY KEY,
              run_id TEXT NOT NULL,
              event_type TEXT NOT NULL,
              job TEXT NOT NULL,
              event_time BIGINT NOT NULL,
              received_at BIGINT NOT NULL,
              hash TEXT NOT NULL,
              payload TEXT NOT NULL)
            """,
            "CREATE INDEX ix_lineage_events_job ON lineage_events (job, event_time)",
            """
            CREATE TABLE dataset_aliases (
              namespace TEXT NOT NULL,
              name TEXT NOT NULL,
              urn TEXT NOT NULL,
              is_primary INTEGER NOT NULL,
              PRIMARY KEY (namespace, name))
            """,
            "CREATE INDEX ix_dataset_aliases_urn ON dataset_aliases (urn)",
            "CREATE TABLE lineage_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)",
            "INSERT INTO lineage_version (id, version) VALUES (1, 0)",
        ]);

        // Query front: the audit trail of every query (who, what SQL, outcome) and the datasets each one read, from
        // which dataset usage (query counts, top users, datasets read together) is derived.
        yield return (20,
        [
            """
            CREATE TABLE query_audit (
              id TEXT PRIMARY KEY,
              user_name TEXT NOT NULL,
              sql_text TEXT NOT NULL,
              engine TEXT,
              state TEXT NOT NULL,
              submitted_at BIGINT NOT NULL,
              started_at BIGINT,
              finished_at BIGINT,
              row_count BIGINT,
              truncated INTEGER NOT NULL,
              error_kind TEXT,
              error_message TEXT,
              error_line INTEGER,
              error_column INTEGER)
            """,
            "CREATE INDEX ix_query_audit_user ON query_audit (user_name, submitted_at)",
            """
            CREATE TABLE query_audit_datasets (
              query_id TEXT NOT NULL,
              dataset_urn TEXT NOT NULL,
              dataset_name TEXT NOT NULL,
              PRIMARY KEY (query_id, dataset_urn))
            """,
            "CREATE INDEX ix_query_audit_datasets_urn ON query_audit_datasets (dataset_urn, query_id)",
        ]);

        // Browse orders and the deprecation filter: deprecation becomes a column so "leave out deprecated" is a
        // plain predicate, filled for existing rows from their documents (compact JSON, so the text match is exact
        // and a description quoting it is escaped and cannot match); the index serves "recently updated".
        yield return (30,
        [
            "ALTER TABLE entities ADD COLUMN deprecated INTEGER NOT NULL DEFAULT 0",
            """UPDATE entities SET deprecated = 1 WHERE type = 'dataset' AND doc LIKE '%"deprecation":{"deprecated":true%'""",
            "CREATE INDEX ix_entities_type_updated ON entities (type, updated_at)",
        ]);

        // Data profiles (issue 16): the latest profile of each dataset, its statistics as one JSON document.
        yield return (140,
        [
            """
            CREATE TABLE dataset_profiles (
              dataset_urn TEXT PRIMARY KEY,
              profiled_at BIGINT NOT NULL,
              body TEXT NOT NULL)
            """,
        ]);

        // Usage that means something (issue 16): why a query ran; only QUERY runs count as a dataset's usage.
        yield return (141,
        [
            "ALTER TABLE query_audit ADD COLUMN purpose TEXT NOT NULL DEFAULT 'QUERY'",
        ]);
    }
}
