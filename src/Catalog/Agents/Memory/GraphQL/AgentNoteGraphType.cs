using GraphQL.Types;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.Agents.Memory.GraphQL;

/// <summary>GraphQL type of an agent memory note.</summary>
public sealed class AgentNoteGraphType : ObjectGraphType<AgentNote>
{
    public AgentNoteGraphType()
    {
        Name = "AgentNote";
        Description = "A fact an agent (or a person) wrote down with remember: private to its author or shared with a team. search_datasets and recall return it with the entities it is about.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The note's id (the one recall and forget use).").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("fact").Description("What was learned.").Resolve(c => c.Source.Fact);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("about").Description("The dataset or column names the fact is about.").Resolve(c => c.Source.About);
        Field<NonNullGraphType<StringGraphType>>("author").Description("Who wrote the note.").Resolve(c => c.Source.Author);
        Field<StringGraphType>("team").Description("The team (group) the note is shared with; null for a private note.").Resolve(c => c.Source.Team);
        Field<NonNullGraphType<BooleanGraphType>>("shared").Description("True when the note is shared with a team.").Resolve(c => c.Source.IsShared);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Description("When the note was written.").Resolve(c => c.Source.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Description("When the note last changed.").Resolve(c => c.Source.UpdatedAt.UtcDateTime);
        Field<NonNullGraphType<StringGraphType>>("updatedBy").Description("Who changed the note last.").Resolve(c => c.Source.UpdatedBy);
        Field<NonNullGraphType<BooleanGraphType>>("canEdit").Description("Whether the caller may edit or delete the note.").Resolve(c => AgentMemory.MayChange(c.Source, c.Caller()));
    }
}
