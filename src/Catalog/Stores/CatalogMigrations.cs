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

        // Reliability (issue 15): the change log every write appends to in its own transaction (see
        // ChangeLog.ChangeRecord), numbered gap-free from the one counter row, so derived state (search index,
        // lineage graph) on every replica can catch up from a position; and the leases that keep a scheduled job
        // on one replica at a time.
        yield return (130,
        [
            """
            CREATE TABLE change_log (
              seq BIGINT PRIMARY KEY,
              kind TEXT NOT NULL,
              change_key TEXT NOT NULL,
              at BIGINT NOT NULL)
            """,
            "CREATE TABLE change_log_counter (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL)",
            "INSERT INTO change_log_counter (id, seq) VALUES (1, 0)",
        ]);

        yield return (131,
        [
            """
            CREATE TABLE job_leases (
              name TEXT PRIMARY KEY,
              holder TEXT NOT NULL,
              expires_at BIGINT NOT NULL)
            """,
        ]);

        // Change-log pruning (132): each follower's last applied number, so pruning never takes an entry a live
        // follower still needs, and how far the log was pruned, so a follower that fell behind it knows to rebuild.
        yield return (132,
        [
            """
            CREATE TABLE change_log_followers (
              follower TEXT PRIMARY KEY,
              applied BIGINT NOT NULL,
              seen_at BIGINT NOT NULL)
            """,
            "ALTER TABLE change_log_counter ADD COLUMN pruned_through BIGINT NOT NULL DEFAULT 0",
        ]);

        // Governance (100-109): review state per dataset and column ('' is the dataset's own row), column
        // classifications (category, source, confidence, evidence — never values), time-bound grants, access requests,
        // and the governance audit trail every write appends to in its own transaction.
        yield return (100,
        [
            """
            CREATE TABLE governance_reviews (
              dataset_urn TEXT NOT NULL,
              column_name TEXT NOT NULL,
              state TEXT NOT NULL,
              reviewer TEXT NOT NULL,
              reviewed_at BIGINT NOT NULL,
              note TEXT,
              PRIMARY KEY (dataset_urn, column_name))
            """,
            "CREATE INDEX ix_governance_reviews_state ON governance_reviews (state, reviewed_at)",
            """
            CREATE TABLE governance_classifications (
              dataset_urn TEXT NOT NULL,
              column_name TEXT NOT NULL,
              category TEXT NOT NULL,
              source TEXT NOT NULL,
              confidence DOUBLE PRECISION NOT NULL,
              detectors TEXT NOT NULL,
              match_ratio DOUBLE PRECISION NOT NULL,
              confirmed INTEGER NOT NULL,
              classified_by TEXT NOT NULL,
              classified_at BIGINT NOT NULL,
              PRIMARY KEY (dataset_urn, column_name))
            """,
            """
            CREATE TABLE governance_grants (
              id TEXT PRIMARY KEY,
              principal_kind TEXT NOT NULL,
              principal TEXT NOT NULL,
              dataset_urn TEXT NOT NULL,
              columns_json TEXT NOT NULL,
              level TEXT NOT NULL,
              expires_at BIGINT NOT NULL,
              reason TEXT NOT NULL,
              granted_by TEXT NOT NULL,
              granted_at BIGINT NOT NULL,
              request_id TEXT,
              revoked_at BIGINT,
              revoked_by TEXT)
            """,
            "CREATE INDEX ix_governance_grants_principal ON governance_grants (principal_kind, principal, expires_at)",
            "CREATE INDEX ix_governance_grants_dataset ON governance_grants (dataset_urn, expires_at)",
            """
            CREATE TABLE governance_requests (
              id TEXT PRIMARY KEY,
              requester TEXT NOT NULL,
              dataset_urn TEXT NOT NULL,
              columns_json TEXT NOT NULL,
              level TEXT NOT NULL,
              reason TEXT NOT NULL,
              duration_ms BIGINT NOT NULL,
              requested_at BIGINT NOT NULL,
              state TEXT NOT NULL,
              decided_by TEXT,
              decided_at BIGINT,
              decision_note TEXT,
              grant_id TEXT)
            """,
            "CREATE INDEX ix_governance_requests_requester ON governance_requests (requester, requested_at)",
            "CREATE INDEX ix_governance_requests_state ON governance_requests (state, requested_at)",
            $"""
            CREATE TABLE governance_events (
              id {identityColumn},
              at BIGINT NOT NULL,
              actor TEXT NOT NULL,
              kind TEXT NOT NULL,
              dataset_urn TEXT,
              column_name TEXT,
              subject TEXT,
              summary TEXT NOT NULL)
            """,
            "CREATE INDEX ix_governance_events_at ON governance_events (at)",
            "CREATE INDEX ix_governance_events_dataset ON governance_events (dataset_urn, at)",
            "CREATE INDEX ix_governance_events_actor ON governance_events (actor, at)",
            "CREATE INDEX ix_governance_events_subject ON governance_events (subject, at)",
        ]);

        // Scheduled work per dataset (issue 12's scanner, issue 16's profiles): when each job last did each dataset and
        // at which schema version, so a restart redoes nothing that is up to date.
        yield return (102,
        [
            """
            CREATE TABLE dataset_work (
              job TEXT NOT NULL,
              dataset_urn TEXT NOT NULL,
              schema_version INTEGER NOT NULL,
              done_at BIGINT NOT NULL,
              PRIMARY KEY (job, dataset_urn))
            """,
        ]);

        // Lineage (issue 14): runs of jobs as OpenLineage events report them, and the datasets each run read and wrote
        // (with the version it saw), so a job's run history, a dataset's producers and consumers (one-sided jobs
        // included) and a dataset page's run history are plain indexed reads.
        yield return (120,
        [
            """
            CREATE TABLE lineage_runs (
              run_id TEXT PRIMARY KEY,
              job TEXT NOT NULL,
              state TEXT NOT NULL,
              created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL,
              doc TEXT NOT NULL)
            """,
            "CREATE INDEX ix_lineage_runs_job ON lineage_runs (job, created_at)",
            """
            CREATE TABLE lineage_run_datasets (
              run_id TEXT NOT NULL,
              dataset TEXT NOT NULL,
              direction TEXT NOT NULL,
              job TEXT NOT NULL,
              created_at BIGINT NOT NULL,
              PRIMARY KEY (run_id, dataset, direction))
            """,
            "CREATE INDEX ix_lineage_run_datasets_dataset ON lineage_run_datasets (dataset, direction, created_at)",
        ]);

        // Schema-change impact (issue 14): what a dropped, renamed or retyped column reached downstream when the change
        // was ingested, one JSON document per dataset and schema version (the history entry of that version).
        yield return (121,
        [
            """
            CREATE TABLE schema_change_impacts (
              dataset_urn TEXT NOT NULL,
              schema_version BIGINT NOT NULL,
              at BIGINT NOT NULL,
              body TEXT NOT NULL,
              PRIMARY KEY (dataset_urn, schema_version))
            """,
        ]);

        // Datasets that naming before identity-per-namespace merged (one name on two servers): the split needs the
        // service's naming and ingestion, so this registers it as a data migration the service runs once on start
        // (Lineage/OpenLineage/Split).
        yield return (122,
        [
            """
            CREATE TABLE data_migrations (
              name TEXT PRIMARY KEY,
              registered_at BIGINT NOT NULL,
              done_at BIGINT)
            """,
            "INSERT INTO data_migrations (name, registered_at, done_at) VALUES ('split-merged-openlineage-datasets', 0, NULL)",
        ]);
    
        // Agent face (110-119): the audit trail of agent tool calls — who called which tool through which face, with
        // the arguments (a Code Mode script in full) and the outcome; a script's own tool calls point to it.
        yield return (110,
        [
            """
            CREATE TABLE agent_calls (
              id TEXT PRIMARY KEY,
              parent_id TEXT,
              user_name TEXT NOT NULL,
              tool TEXT NOT NULL,
              via TEXT NOT NULL,
              arguments TEXT NOT NULL,
              outcome TEXT NOT NULL,
              at BIGINT NOT NULL,
              elapsed_ms BIGINT NOT NULL,
              answer_tokens BIGINT NOT NULL)
            """,
            "CREATE INDEX ix_agent_calls_user ON agent_calls (user_name, at)",
            "CREATE INDEX ix_agent_calls_parent ON agent_calls (parent_id)",
        ]);
    
        // Agent memory: notes agents write down (remember), private to their author or shared with a team, and the
        // catalog entities each is about, so search and recall find the notes on the datasets they return.
        yield return (111,
        [
            """
            CREATE TABLE agent_notes (
              id TEXT PRIMARY KEY,
              fact TEXT NOT NULL,
              author TEXT NOT NULL,
              team TEXT,
              created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL,
              updated_by TEXT NOT NULL)
            """,
            "CREATE INDEX ix_agent_notes_author ON agent_notes (author, updated_at)",
            "CREATE INDEX ix_agent_notes_team ON agent_notes (team, updated_at)",
            """
            CREATE TABLE agent_note_subjects (
              note_id TEXT NOT NULL,
              subject TEXT NOT NULL,
              PRIMARY KEY (note_id, subject))
            """,
            "CREATE INDEX ix_agent_note_subjects_subject ON agent_note_subjects (subject)",
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
