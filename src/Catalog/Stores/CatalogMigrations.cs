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
    }
}
