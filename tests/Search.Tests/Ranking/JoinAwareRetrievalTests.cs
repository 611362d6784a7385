using TownLake.Search.Documents;
using TownLake.Search.Retrieval;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Ranking;

public class JoinAwareRetrievalTests
{
    private static readonly SearchDocument Students = Datasets.Table("uni", "registry", "students", "student_id", "full_name", "birth_date");
    private static readonly SearchDocument Courses = Datasets.Table("uni", "registry", "courses", "course_id", "title", "credits");

    // A bridge whose text shares no word with the question: only the declared foreign keys link it.
    private static readonly SearchDocument Registrations = Datasets.Table("uni", "registry", "registrations", "reg_no", "learner_ref", "class_ref", "grade") with
    {
        Joins =
        [
            new JoinRelationship(Students.Urn, ["learner_ref"], ["student_id"]),
            new JoinRelationship(Courses.Urn, ["class_ref"], ["course_id"]),
        ],
    };

    private static readonly SearchDocument[] Noise =
    [
        Datasets.Table("hr", "people", "employees", "employee_id", "full_name"),
        Datasets.Table("shop", "catalog", "products", "product_id", "title"),
        Datasets.Table("uni", "registry", "rooms", "room_no", "building"),
    ];

    [Fact]
    public async Task Join_aware_retrieval_brings_the_bridge_table_between_two_hits()
    {
        await using var index = await TestIndex.InMemoryAsync([Students, Courses, Registrations, .. Noise]);
        const string question = "full names of students and the titles of their courses";

        var plain = index.Search(new SearchRequest { Query = question, JoinAware = false });
        var joined = index.Search(new SearchRequest { Query = question });

        Assert.DoesNotContain(Registrations.Urn, plain.Hits.Select(hit => hit.Urn));
        Assert.Equal(new[] { Students.Urn, Courses.Urn, Registrations.Urn }.Order(), joined.Hits.Take(3).Select(hit => hit.Urn).Order());
        var bridge = joined.Hits.Single(hit => hit.Urn == Registrations.Urn);
        Assert.Equal(new[] { Courses.Urn, Students.Urn }.Order(), bridge.RelatedUrns.Order());
        Assert.Contains(bridge.MatchedFields, field => field.Field == "join");
    }

    [Fact]
    public async Task Results_pulled_in_by_a_join_are_counted_in_the_facets_so_they_add_up_to_the_total()
    {
        await using var index = await TestIndex.InMemoryAsync([Students, Courses, Registrations, .. Noise]);

        var joined = index.Search(new SearchRequest { Query = "full names of students and the titles of their courses" });

        Assert.Contains(Registrations.Urn, joined.Hits.Select(hit => hit.Urn));
        Assert.Equal(joined.TotalCount, joined.Facets[SearchFacet.EntityType].Sum(f => f.Count));
        Assert.Equal(joined.TotalCount, joined.Facets[SearchFacet.Schema].Sum(f => f.Count));
        Assert.Contains(new FacetCount("uni.registry", 3), joined.Facets[SearchFacet.Schema]);
    }

    [Fact]
    public async Task A_table_too_wide_for_one_doc_value_is_indexed_and_keeps_the_joins_that_fit()
    {
        // 4,000 key-like columns and 2,000 declared targets are far past Lucene's 32,766-byte doc-value limit.
        var wide = Datasets.Table("uni", "registry", "enrolments", [.. Enumerable.Range(0, 4_000).Select(i => $"attribute_{i:D4}_id"), "student_id"]) with
        {
            Joins = [new JoinRelationship(Students.Urn, ["student_id"], ["student_id"]), .. Enumerable.Range(0, 2_000).Select(i => new JoinRelationship($"urn:dataset:uni.registry.other_{i:D4}"))],
        };
        await using var index = await TestIndex.InMemoryAsync(Students, wide);

        var hits = index.Search(new SearchRequest { Query = "students enrolments" }).Hits;

        Assert.Equal(new[] { Students.Urn, wide.Urn }.Order(), hits.Select(hit => hit.Urn).Order());
        Assert.Contains(Students.Urn, hits.Single(hit => hit.Urn == wide.Urn).RelatedUrns);
    }

    [Fact]
    public async Task Shared_key_columns_link_tables_of_one_schema_without_declared_keys()
    {
        var singer = Datasets.Table("music", "concerts", "singer", "singer_id", "name", "country");
        var concert = Datasets.Table("music", "concerts", "concert", "concert_id", "concert_name", "stadium_id");
        var lineup = Datasets.Table("music", "concerts", "lineup", "concert_id", "singer_id");
        var otherSchemaSinger = Datasets.Table("radio", "charts", "singer_stats", "singer_id", "plays");
        await using var index = await TestIndex.InMemoryAsync(singer, concert, lineup, otherSchemaSinger);

        var hits = index.Search(new SearchRequest { Query = "names of singers and the concert names" }).Hits;

        var bridge = hits.Single(hit => hit.Urn == lineup.Urn);
        Assert.Equal(new[] { concert.Urn, singer.Urn }.Order(), bridge.RelatedUrns.Order());
        Assert.True(hits.ToList().FindIndex(hit => hit.Urn == lineup.Urn) < hits.ToList().FindIndex(hit => hit.Urn == otherSchemaSinger.Urn));
    }

    [Fact]
    public async Task Tables_of_the_strongest_schema_stay_together()
    {
        var orders = Datasets.Table("shop", "sales", "orders", "order_id", "customer_id", "order_date");
        var customers = Datasets.Table("shop", "sales", "customers", "customer_id", "name", "city");
        var strayCity = Datasets.Table("geo", "ref", "city_list", "city_code", "city");
        await using var index = await TestIndex.InMemoryAsync(orders, customers, strayCity);

        var urns = index.Urns("orders by customer city");

        Assert.Equal(new[] { customers.Urn, orders.Urn }.Order(), urns.Take(2).Order());
    }
}
