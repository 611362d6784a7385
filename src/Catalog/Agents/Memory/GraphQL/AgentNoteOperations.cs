using GraphQL;
using GraphQL.Types;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.Agents.Memory.GraphQL;

/// <summary>Agent memory for people: list and search the notes agents wrote down, edit or delete the shared ones.</summary>
public static class AgentNoteOperations
{
    public static void AddAgentNoteQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AgentNoteGraphType>>>>("agentNotes")
            .Description("Agent memory notes the caller can see — their own private notes, notes shared with their teams (every shared note for stewards and admins) — newest first, or best match first with a query. Empty for anonymous callers.")
            .Argument<StringGraphType>("query", "Words the note's fact or subjects should contain.")
            .Argument<StringGraphType>("about", "Only notes about this dataset or column (a dataset also matches notes about its columns), e.g. demo.fct.billings_allocated.")
            .Argument<StringGraphType>("author", "Only notes written by this user.")
            .Argument<StringGraphType>("team", "Only notes shared with this team.")
            .Argument<BooleanGraphType>("sharedOnly", "Only shared notes.", a => a.DefaultValue = false)
            .Argument<IntGraphType>("first", $"How many (default 50, at most {NoteFilter.MaxFirst}).", a => a.DefaultValue = 50)
            .ResolveAsync(async c => await c.Service<AgentMemory>().ListAsync(
                new NoteFilter(c.GetArgument<string?>("query"), c.GetArgument<string?>("about"), c.GetArgument<string?>("author"), c.GetArgument<string?>("team"), c.GetArgument("sharedOnly", false), c.GetArgument("first", 50)),
                c.Caller(), c.CancellationToken));
    }

    public static void AddAgentNoteMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<AgentNoteGraphType>>("updateAgentNote")
            .Description("Edits a note's fact or subjects. Its author may edit a private note; a shared note may be edited by its team's members, stewards and admins (FORBIDDEN for others).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The note's id.")
            .Argument<StringGraphType>("fact", $"The new fact (at most {AgentMemory.MaxFactLength:N0} characters); unchanged when left out.")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("about", $"The new dataset or column names it is about (at most {AgentMemory.MaxSubjects}); unchanged when left out.")
            .ResolveAsync(async c => await c.Service<AgentMemory>().EditAsync(
                c.GetArgument<string>("id"), c.GetArgument<string?>("fact"), c.GetArgument<List<string>?>("about"), c.Caller(), c.CancellationToken));
        mutation.Field<NonNullGraphType<IdGraphType>>("deleteAgentNote")
            .Description("Deletes a note and returns its id; the same people who may edit it may delete it.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The note's id.")
            .ResolveAsync(async c => (await c.Service<AgentMemory>().ForgetAsync(c.GetArgument<string>("id"), c.Caller(), c.CancellationToken)).Id);
    }
}
