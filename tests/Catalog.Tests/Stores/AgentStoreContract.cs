using TownLake.Catalog.Agents.Audit;
using TownLake.Catalog.Agents.Memory;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Users;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>
/// What every store must do for the agent face (migrations 110-111): keep notes whole with their subjects, show each
/// reader only the notes they may read, keep them across a restart, and keep the tool-call audit trail.
/// </summary>
public abstract class AgentStoreContract(IStoreDatabase database) : StoreContract(database)
{
    private IAgentMemoryStore Notes => (IAgentMemoryStore)Schema;

    private IAgentCallLog Calls => (IAgentCallLog)Schema;

    private AgentNote Note(string id, string author, string? team, long minute, params string[] about) =>
        new(id, $"fact {id} about revenue", about, author, team, Clock.GetUtcNow().AddMinutes(minute), Clock.GetUtcNow().AddMinutes(minute), author);

    [SkippableFact]
    public async Task A_note_reads_back_whole_and_an_edit_replaces_its_fact_and_subjects()
    {
        var note = Note("n1", "alice", "finance", 0, "demo.fct.billings_allocated", "demo.dim.accounts.zone");
        await Notes.SaveNoteAsync(note, None);
        var edited = note with { Fact = "revenue is alloc_amount — “quoted”, 'single'", About = ["demo.fct.arr_by_account"], UpdatedAt = note.UpdatedAt.AddMinutes(5), UpdatedBy = "bob" };
        await Notes.SaveNoteAsync(edited, None);

        var read = await Notes.GetNoteAsync("n1", None);

        Assert.NotNull(read);
        Assert.Equal(edited with { About = [] }, read with { About = [] });
        Assert.Equal(["demo.fct.arr_by_account"], read.About);
        Assert.Null(await Notes.GetNoteAsync("missing", None));
    }

    [SkippableFact]
    public async Task A_reader_lists_their_private_notes_and_their_teams_shared_ones_newest_first()
    {
        await Notes.SaveNoteAsync(Note("alice-private", "alice", null, 1), None);
        await Notes.SaveNoteAsync(Note("bob-private", "bob", null, 2), None);
        await Notes.SaveNoteAsync(Note("finance", "bob", "finance", 3), None);
        await Notes.SaveNoteAsync(Note("sales", "carol", "sales", 4), None);

        var alice = await Notes.ListNotesAsync("alice", ["finance"], allShared: false, sharedOnly: false, 100, None);
        var aliceShared = await Notes.ListNotesAsync("alice", ["finance"], allShared: false, sharedOnly: true, 100, None);
        var noTeams = await Notes.ListNotesAsync("dave", [], allShared: false, sharedOnly: false, 100, None);
        var steward = await Notes.ListNotesAsync("stella", [], allShared: true, sharedOnly: false, 100, None);
        var firstOne = await Notes.ListNotesAsync("stella", [], allShared: true, sharedOnly: false, 1, None);

        Assert.Equal(["finance", "alice-private"], alice.Select(n => n.Id));
        Assert.Equal(["finance"], aliceShared.Select(n => n.Id));
        Assert.Empty(noTeams);
        Assert.Equal(["sales", "finance"], steward.Select(n => n.Id));
        Assert.Equal(["sales"], firstOne.Select(n => n.Id));
    }

    [SkippableFact]
    public async Task A_deleted_note_and_its_subjects_are_gone_and_deleting_twice_says_so()
    {
        await Notes.SaveNoteAsync(Note("n1", "alice", null, 0, "demo.dim.accounts"), None);

        Assert.True(await Notes.DeleteNoteAsync("n1", None));
        Assert.False(await Notes.DeleteNoteAsync("n1", None));
        Assert.Null(await Notes.GetNoteAsync("n1", None));
        Assert.Equal(0L, Convert.ToInt64(await Database.ScalarAsync("SELECT COUNT(*) FROM agent_note_subjects")));
    }

    [SkippableFact]
    public async Task Notes_survive_a_restart_and_are_found_by_recall_and_by_the_datasets_search_returns()
    {
        var alice = new Caller("alice", ["finance"], IsAuthenticated: true, IsAdmin: false);
        var written = await new AgentMemory(Notes, Clock).RememberAsync(
            "Revenue means demo.fct.billings_allocated.alloc_amount, not billed_amount", ["demo.fct.billings_allocated.alloc_amount"], "finance", alice, None);

        var restarted = Database.Reopen();
        await ((ICatalogDatabase)restarted).InitializeAsync(None);
        var memory = new AgentMemory(restarted, Clock);
        var recalled = await memory.RecallAsync("what is revenue", alice with { UserName = "bob" }, sharedOnly: false, 10, None);
        // search_datasets attaches the notes about the datasets it returns (AgentMemory.RelevantAsync).
        var withSearch = await memory.RelevantAsync(alice, "billing", ["demo.fct.billings_allocated"], 5, None);
        var outsider = await memory.RecallAsync("revenue", new Caller("carol", ["sales"], true, false), sharedOnly: false, 10, None);

        Assert.Equal([written.Id], recalled.Select(n => n.Id));
        Assert.Equal(written.Fact, recalled[0].Fact);
        Assert.Equal([written.Id], withSearch.Select(n => n.Id));
        Assert.Empty(outsider);
        if (restarted is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task The_agent_call_trail_lists_one_users_calls_or_everyones_newest_first()
    {
        var at = Clock.GetUtcNow();
        await Calls.RecordAsync(new AgentCallRecord("c1", null, "alice", "execute", "mcp", "return 1;", "OK", at, 12, 3), None);
        await Calls.RecordAsync(new AgentCallRecord("c2", "c1", "alice", "search_datasets", "code", "{\"query\":\"x\"}", "OK", at.AddSeconds(1), 4, 100), None);
        await Calls.RecordAsync(new AgentCallRecord("c3", null, "bob", "start_query", "json", "{}", "BAD_USER_INPUT", at.AddSeconds(2), 1, 20), None);

        var alices = await Calls.ListAsync("alice", 10, None);
        var everyone = await Calls.ListAsync(null, 2, None);

        Assert.Equal(["c2", "c1"], alices.Select(c => c.Id));
        Assert.Equal(new AgentCallRecord("c2", "c1", "alice", "search_datasets", "code", "{\"query\":\"x\"}", "OK", at.AddSeconds(1), 4, 100), alices[0]);
        Assert.Equal(["c3", "c2"], everyone.Select(c => c.Id));
    }
}

/// <summary>The agent store contract on SQLite.</summary>
public sealed class SqliteAgentStoreTests() : AgentStoreContract(new SqliteStoreDatabase());

/// <summary>The agent store contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAgentStoreTests(PostgresFixture fixture) : AgentStoreContract(new PostgresStoreDatabase(fixture));
