using GraphQLParser.AST;

namespace TownLake.Catalog.GraphQL;

/// <summary>
/// Measures a parsed GraphQL document against <see cref="GraphQLLimitsOptions"/> before any validation rule runs.
/// Counts as written (nodes, fields, aliases, spreads) take one pass; what fragments stand for (fields, depth, mutation
/// fields) is computed on the fragment graph with one memoised count per fragment, so a document whose spreads double
/// at every level is measured in linear time instead of being expanded.
/// Introspection is bounded apart: its type-reference chains (<c>ofType { ofType { … } }</c>) are deep but each level is
/// one object, so they do not count toward <see cref="GraphQLLimitsOptions.MaxDepth"/>; what multiplies an
/// introspection answer is lists inside lists (<c>types { fields { type { fields … } } }</c>), bounded by
/// <see cref="GraphQLLimitsOptions.MaxIntrospectionListNesting"/>.
/// </summary>
public sealed class DocumentLimits
{
    // Counts that would overflow stop here; any limit is far below.
    private const long Saturated = long.MaxValue / 4;

    private readonly GraphQLLimitsOptions _limits;
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Expansion?> _expansions = new(StringComparer.Ordinal);

    // The list-valued fields of the introspection types (__Schema, __Type, __Field, __Directive).
    private static readonly HashSet<string> IntrospectionLists = new(StringComparer.Ordinal)
    {
        "types", "directives", "fields", "args", "inputFields", "interfaces", "enumValues", "possibleTypes",
    };

    private int _nodes;
    private int _fields;
    private int _aliases;
    private int _spreads;

    private DocumentLimits(GraphQLLimitsOptions limits) => _limits = limits;

    /// <summary>The first limit the document breaks, or null when it is within all of them.</summary>
    public static GraphQLLimitViolation? Check(GraphQLDocument document, GraphQLLimitsOptions limits) => new DocumentLimits(limits).Measure(document);

    private GraphQLLimitViolation? Measure(GraphQLDocument document)
    {
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLFragmentDefinition fragment)
            {
                _fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
            }

            if (CountWritten(definition) is { } tooMany)
            {
                return tooMany;
            }
        }

        long expandedFields = 0;
        var depth = 0;
        var introspectionLists = 0;
        foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
        {
            if (Expand(operation.SelectionSet, introspection: false) is not { } expansion)
            {
                return Cycle();
            }

            expandedFields = Add(expandedFields, expansion.Fields);
            depth = Math.Max(depth, expansion.Depth);
            introspectionLists = Math.Max(introspectionLists, expansion.IntrospectionLists);
            if (operation.Operation == OperationType.Mutation && expansion.RootFields > _limits.MaxMutationFields)
            {
                return GraphQLLimitViolation.Over(GraphQLLimitViolation.TooComplex, nameof(_limits.MaxMutationFields), _limits.MaxMutationFields, "mutation fields in one request");
            }
        }

        if (expandedFields > _limits.MaxExpandedFields)
        {
            return GraphQLLimitViolation.Over(GraphQLLimitViolation.TooComplex, nameof(_limits.MaxExpandedFields), _limits.MaxExpandedFields, "fields once its fragments are counted");
        }

        if (depth > _limits.MaxDepth)
        {
            return GraphQLLimitViolation.Over(GraphQLLimitViolation.TooComplex, nameof(_limits.MaxDepth), _limits.MaxDepth, "levels of nesting");
        }

        if (introspectionLists > _limits.MaxIntrospectionListNesting)
        {
            return GraphQLLimitViolation.Over(GraphQLLimitViolation.TooComplex, nameof(_limits.MaxIntrospectionListNesting), _limits.MaxIntrospectionListNesting,
                "introspection lists nested in one another (such as types { fields { type { fields … } } })");
        }

        // Fragments no operation uses are still validated, so they count too.
        foreach (var name in _fragments.Keys)
        {
            if (Fragment(name) is null)
            {
                return Cycle();
            }
        }

        return null;
    }

    private static GraphQLLimitViolation Cycle() =>
        new(GraphQLLimitViolation.TooComplex, "FragmentCycles", 0, "A fragment spreads itself, directly or through other fragments; fragments must not form a cycle (FragmentCycles).");

    /// <summary>Counts nodes, fields, aliases and spreads as written; stops at the first limit passed.</summary>
    private GraphQLLimitViolation? CountWritten(ASTNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (++_nodes > _limits.MaxNodes)
        {
            return GraphQLLimitViolation.Over(GraphQLLimitViolation.TooComplex, nameof(_limits.MaxNodes), _limits.MaxNodes, "syntax nodes");
        }

        switch (node)
        {
            case GraphQLOperationDefinition operation:
                return CountAll(operation.Variables?.Items) ?? CountAll(operation.Directives?.Items) ?? CountWritten(operation.SelectionSet);
            case GraphQLFragmentDefinition fragment:
                return CountAll(fragment.Directives?.Items) ?? CountWritten(fragment.SelectionSet);
            case GraphQLVariableDefinition variable:
                return CountWritten(variable.DefaultValue) ?? CountAll(variable.Directives?.Items);
            case GraphQLSelectionSet selectionSet:
                return CountAll(selectionSet.Selections);
            case GraphQLField field:
                if (++_fields > _limits.MaxFields)
                {
                    return GraphQLLimitViolation.Over(GraphQLLimitViolation.TooComplex, nameof(_limits.MaxFields), _limits.MaxFields, "fields");
                }

                if (field.Alias is not null && ++_aliases > _limits.MaxAliases)
                {
                    return GraphQLLimitViolation.Over(GraphQLLimitViolation.TooComplex, nameof(_limits.MaxAliases), _limits.MaxAliases, "aliases");
                }

                return CountAll(field.Arguments?.Items) ?? CountAll(field.Directives?.Items) ?? CountWritten(field.SelectionSet);
            case GraphQLFragmentSpread spread:
                if (++_spreads > _limits.MaxFragmentSpreads)
                {
                    return GraphQLLimitViolation.Over(GraphQLLimitViolation.TooComplex, nameof(_limits.MaxFragmentSpreads), _limits.MaxFragmentSpreads, "fragment spreads");
                }

                return CountAll(spread.Directives?.Items);
            case GraphQLInlineFragment inline:
                return CountAll(inline.Directives?.Items) ?? CountWritten(inline.SelectionSet);
            case GraphQLDirective directive:
                return CountAll(directive.Arguments?.Items);
            case GraphQLArgument argument:
                return CountWritten(argument.Value);
            case GraphQLListValue list:
                return CountAll(list.Values);
            case GraphQLObjectValue value:
                return CountAll(value.Fields);
            case GraphQLObjectField objectField:
                return CountWritten(objectField.Value);
            default:
                return null;
        }
    }

    private GraphQLLimitViolation? CountAll<TNode>(List<TNode>? nodes) where TNode : ASTNode
    {
        if (nodes is null)
        {
            return null;
        }

        foreach (var node in nodes)
        {
            if (CountWritten(node) is { } tooMany)
            {
                return tooMany;
            }
        }

        return null;
    }

    /// <summary>
    /// What a selection set stands for with its fragments counted; null when a fragment cycle is reached.
    /// <paramref name="introspection"/> says the selection is on an introspection type (under <c>__schema</c> or
    /// <c>__type</c>, or in a fragment on a <c>__</c> type): validation refuses any other mix, so a fragment's own type
    /// condition tells its context and its memoised expansion stays right wherever it is spread.
    /// </summary>
    private Expansion? Expand(GraphQLSelectionSet? selectionSet, bool introspection)
    {
        var result = new Expansion(0, 0, 0, 0);
        if (selectionSet is null)
        {
            return result;
        }

        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    var name = field.Name.StringValue;
                    var entersIntrospection = name is "__schema" or "__type";
                    if (Expand(field.SelectionSet, introspection || entersIntrospection) is not { } children)
                    {
                        return null;
                    }

                    var dataLevel = introspection || entersIntrospection ? 0 : 1;
                    var listLevel = introspection && IntrospectionLists.Contains(name) ? 1 : 0;
                    result = new Expansion(
                        Add(result.Fields, Add(1, children.Fields)),
                        Math.Max(result.Depth, children.Depth + dataLevel),
                        Add(result.RootFields, 1),
                        Math.Max(result.IntrospectionLists, children.IntrospectionLists + listLevel));
                    break;
                case GraphQLInlineFragment inline:
                    if (Expand(inline.SelectionSet, introspection || IsIntrospectionType(inline.TypeCondition)) is not { } inlined)
                    {
                        return null;
                    }

                    result = result.Plus(inlined);
                    break;
                case GraphQLFragmentSpread spread:
                    if (Fragment(spread.FragmentName.Name.StringValue) is not { } spreadFields)
                    {
                        return null;
                    }

                    result = result.Plus(spreadFields);
                    break;
            }
        }

        return result;
    }

    /// <summary>A fragment's expansion, computed once; an unknown fragment counts as empty (validation names it).</summary>
    private Expansion? Fragment(string name)
    {
        if (_expansions.TryGetValue(name, out var known))
        {
            // A null entry is a fragment still being expanded: the spread closes a cycle.
            return known;
        }

        if (!_fragments.TryGetValue(name, out var fragment))
        {
            return new Expansion(0, 0, 0, 0);
        }

        _expansions[name] = null;
        var expansion = Expand(fragment.SelectionSet, IsIntrospectionType(fragment.TypeCondition));
        if (expansion is not null)
        {
            _expansions[name] = expansion;
        }

        return expansion;
    }

    private static long Add(long a, long b) => Math.Min(Saturated, a + b);

    private static bool IsIntrospectionType(GraphQLTypeCondition? condition) =>
        condition?.Type.Name.StringValue.StartsWith("__", StringComparison.Ordinal) == true;

    /// <summary>
    /// Fields a selection stands for, its depth counting data fields only, how many of its fields are at its own level,
    /// and the most introspection lists nested along one path.
    /// </summary>
    private sealed record Expansion(long Fields, int Depth, long RootFields, int IntrospectionLists)
    {
        public Expansion Plus(Expansion other) =>
            new(Add(Fields, other.Fields), Math.Max(Depth, other.Depth), Add(RootFields, other.RootFields), Math.Max(IntrospectionLists, other.IntrospectionLists));
    }
}
