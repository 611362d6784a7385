namespace TownLake.Catalog.Agents.Mcp;

/// <summary>What the MCP server tells a client model at connection: how to get from a question to an answer here.</summary>
public static class ServerInstructions
{
    public const string Text = """
        TownLake is a data catalog with a SQL query front. Every call acts as the signed-in user and is audited.
        From a question to an answer:
        1. recall(query) — notes you or your team wrote down earlier (e.g. which column means revenue).
        2. search_datasets(query) — ranked dataset cards with relevant columns and join paths; get_data_model(topic) explains a domain's tables.
        3. get_entity_details(entity) or list_schema_fields(dataset, filter) for exact column names and keys; profile_column(dataset, column) for what its values look like (exact spellings for filters); get_lineage for where data comes from.
        4. start_query(sql) with full names (catalog.schema.table); it refuses bad SQL at once. Then fetch_results(id): it waits at most wait_ms and says RUNNING if not done — call it again, or cancel_query.
        5. remember(fact, about) what you learned that others would otherwise re-learn.
        Every tool takes an optional budget in tokens (default 2000) and says what it left out (truncated, counts, nextCursor).
        For multi-step work use Code Mode: search_tools, then execute(script) — JavaScript calling `await townlake.<tool>({...})`, returning only what you need.
        Datasets are also resources: townlake://dataset/<catalog.schema.table>.
        """;
}
