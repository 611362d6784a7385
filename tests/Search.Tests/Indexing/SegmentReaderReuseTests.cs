using TownLake.Search.Documents;
using TownLake.Search.Retrieval;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Indexing;

/// <summary>
/// The per-segment values the rerank decodes are cached per segment core, but every reader of a core is disposed with
/// its searcher: a refresh that only adds deletions opens a new reader on the same core and disposes the old one.
/// </summary>
public class SegmentReaderReuseTests
{
    private static readonly SearchDocument Students = Datasets.Table("uni", "registry", "students", "student_id", "full_name");
    private static readonly SearchDocument Courses = Datasets.Table("uni", "registry", "courses", "course_id", "title");
    private static readonly SearchDocument Rooms = Datasets.Table("uni", "registry", "rooms", "room_no", "building");
    private static readonly SearchDocument Employees = Datasets.Table("hr", "people", "employees", "employee_id", "full_name");

    private static readonly SearchDocument Registrations = Datasets.Table("uni", "registry", "registrations", "reg_no", "learner_ref", "class_ref") with
    {
        Joins = [new JoinRelationship(Students.Urn, ["learner_ref"], ["student_id"]), new JoinRelationship(Courses.Urn, ["class_ref"], ["course_id"])],
    };

    [Fact]
    public async Task A_search_after_a_refresh_that_only_deleted_documents_still_reranks_the_segment()
    {
        await using var index = await TestIndex.InMemoryAsync();
        foreach (var document in new[] { Students, Courses, Rooms, Employees, Registrations })
        {
            // One by one, then one refresh: all five land in a single segment.
            await index.UpsertAsync(document);
        }

        await index.RefreshAsync();
        // A segment without deletions is read through the writer's pooled reader, which outlives every searcher; once it
        // has a deletion, each refresh that changes its deletions opens a reader of its own on the core, disposed with
        // the searcher.
        await index.DeleteAsync(Rooms.Urn);
        await index.RefreshAsync();
        // Caches the segment's values (facets, signal boosts) with the reader of this searcher, decoding no join facts.
        Assert.Equal(Employees.Urn, index.Search(new SearchRequest { Query = "employees", JoinAware = false }).Hits[0].Urn);

        await index.DeleteAsync(Employees.Urn);
        await index.RefreshAsync();
        // Reranks documents whose join facts were never decoded, of the same segment core, after the reader the cache took was disposed.
        var hits = index.Search(new SearchRequest { Query = "full names of students and the titles of their courses" }).Hits;

        Assert.DoesNotContain(Employees.Urn, hits.Select(hit => hit.Urn));
        Assert.Equal(new[] { Courses.Urn, Registrations.Urn, Students.Urn }, hits.Take(3).Select(hit => hit.Urn).Order());
    }
}
