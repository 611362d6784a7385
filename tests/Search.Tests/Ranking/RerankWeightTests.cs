using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;
using TownLake.Search.Ranking;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Ranking;

/// <summary>
/// Each weight of the join-aware rerank decides the order of a pair of tables equal in text (same table name, same
/// columns, schema names of the same length), and the pair falls back to URN order (the favoured table's URN is the
/// later one) when that weight is zero: the mutation check of <see cref="RerankWeights"/>.
/// </summary>
public class RerankWeightTests
{
    private static readonly RerankWeights Off = new(GroupCoherence: 0, Bridge: 0, Neighbour: 0, GroupsExpanded: 0);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Group_coherence_ranks_a_table_whose_schema_also_matches_the_question_higher(bool weighted)
    {
        // Columns that look like no key, so the only difference is the second matched table in shop_b.
        var alone = Datasets.Table("wh", "shop_a", "orders", "placed_at", "amount");
        var withCustomers = Datasets.Table("wh", "shop_b", "orders", "placed_at", "amount");
        var customers = Datasets.Table("wh", "shop_b", "customers", "full_name", "city");
        var weights = weighted ? RerankWeights.Default : RerankWeights.Default with { GroupCoherence = 0 };

        var urns = await RankedAsync(weights, "orders customers", alone, withCustomers, customers);

        AssertPairOrder(weighted, withCustomers.Urn, alone.Urn, urns);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Neighbour_weight_ranks_a_table_joining_a_matched_table_higher(bool weighted)
    {
        // Both schemas hold the same two tables; only shop_b declares the foreign key between them.
        var unlinked = Datasets.Table("wh", "shop_a", "orders", "placed_at", "amount");
        var unlinkedCustomers = Datasets.Table("wh", "shop_a", "customers", "full_name", "city");
        var linkedCustomers = Datasets.Table("wh", "shop_b", "customers", "full_name", "city");
        var linked = Datasets.Table("wh", "shop_b", "orders", "placed_at", "amount") with { Joins = [new JoinRelationship(linkedCustomers.Urn)] };
        var weights = weighted ? RerankWeights.Default : RerankWeights.Default with { Neighbour = 0 };

        var urns = await RankedAsync(weights, "orders customers", unlinked, unlinkedCustomers, linked, linkedCustomers);

        AssertPairOrder(weighted, linked.Urn, unlinked.Urn, urns);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Bridge_weight_ranks_a_table_joining_two_matched_tables_above_one_joining_one(bool weighted)
    {
        var students = Datasets.Table("uni", "registry", "students", "full_name", "birth_date");
        var courses = Datasets.Table("uni", "registry", "courses", "title", "credits");
        var oneSided = Datasets.Table("uni", "registry", "grades_a", "grade", "remark") with { Joins = [new JoinRelationship(students.Urn)] };
        var bridge = Datasets.Table("uni", "registry", "grades_b", "grade", "remark") with
        {
            Joins = [new JoinRelationship(students.Urn), new JoinRelationship(courses.Urn)],
        };
        var weights = weighted ? RerankWeights.Default : RerankWeights.Default with { Bridge = 0 };

        var urns = await RankedAsync(weights, "students courses grade", students, courses, oneSided, bridge);

        AssertPairOrder(weighted, bridge.Urn, oneSided.Urn, urns);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_rerank_pulls_in_a_bridge_table_the_text_never_mentions_only_when_it_is_on(bool on)
    {
        var students = Datasets.Table("uni", "registry", "students", "student_id", "full_name");
        var courses = Datasets.Table("uni", "registry", "courses", "course_id", "title");
        var registrations = Datasets.Table("uni", "registry", "registrations", "reg_no", "learner_ref", "class_ref") with
        {
            Joins = [new JoinRelationship(students.Urn), new JoinRelationship(courses.Urn)],
        };

        var urns = await RankedAsync(on ? RerankWeights.Default : Off, "full names of students and the titles of their courses", students, courses, registrations);

        Assert.Equal(on, urns.Contains(registrations.Urn));
    }

    private static async Task<IReadOnlyList<string>> RankedAsync(RerankWeights weights, string query, params SearchDocument[] documents)
    {
        await using var index = await TestIndex.InMemoryAsync(new SearchIndexOptions { Rerank = weights }, documents);
        return index.Search(new SearchRequest { Query = query }).Hits.Select(hit => hit.Urn).ToList();
    }

    private static void AssertPairOrder(bool weighted, string favoured, string other, IReadOnlyList<string> urns)
    {
        var favouredAt = urns.ToList().IndexOf(favoured);
        var otherAt = urns.ToList().IndexOf(other);
        Assert.True(favouredAt >= 0 && otherAt >= 0, $"both tables must be found: {string.Join(", ", urns)}");
        Assert.True(weighted ? favouredAt < otherAt : favouredAt > otherAt, $"order with the weight {(weighted ? "on" : "off")}: {string.Join(", ", urns)}");
    }
}
