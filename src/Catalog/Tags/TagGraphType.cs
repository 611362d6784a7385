using GraphQL.Types;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.Tags;

/// <summary>GraphQL type of a tag.</summary>
public sealed class TagGraphType : ObjectGraphType<Tag>
{
    public TagGraphType()
    {
        Name = "Tag";
        Description = "A label on datasets and columns (e.g. curated, pii, internal).";
        this.AddEntityFields();
        Field(t => t.Description, nullable: true).Description("What the tag means.");
    }
}
