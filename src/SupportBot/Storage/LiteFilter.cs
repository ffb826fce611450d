using LiteDB;

namespace SupportBot.Storage;

/// <summary>
/// A LiteDB filter whose values are parameters (<c>$.FormId = @0</c>), never written into the expression's text.
/// </summary>
/// <remarks>
/// LiteDB compiles every expression into a dynamic method and keeps it for the life of the process in a static
/// dictionary keyed by the expression's text, with no bound. Its own <c>Query.EQ</c>, <c>Query.Between</c>,
/// <c>Query.StartsWith</c> and <c>Query.In</c> write the value into that text, so each form id, conversation, ticket
/// number or time looked up compiled and kept one more method: measured in the soak, about 175 a second, most of what
/// grew (bench/README.md, "Soak"). With the values as parameters the text is the same for every value and each
/// filter shape is compiled once. Indexes are used as before: LiteDB treats a parameter as a value when it picks one.
/// </remarks>
internal sealed class LiteFilter
{
    private readonly List<string> _terms = [];
    private readonly BsonDocument _parameters = [];

    private LiteFilter()
    {
    }

    /// <summary>A new filter; add terms with the methods below (all must hold).</summary>
    public static LiteFilter Where => new();

    /// <summary>The number of terms so far (zero: matches everything).</summary>
    public int Count => _terms.Count;

    public LiteFilter Eq(string path, BsonValue value) => Term($"{path} = {Parameter(value)}");

    public LiteFilter Lt(string path, BsonValue value) => Term($"{path} < {Parameter(value)}");

    public LiteFilter Gt(string path, BsonValue value) => Term($"{path} > {Parameter(value)}");

    public LiteFilter AtLeast(string path, BsonValue value) => Term($"{path} >= {Parameter(value)}");

    /// <summary>From <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public LiteFilter Between(string path, BsonValue from, BsonValue to) => Term($"{path} BETWEEN {Parameter(from)} AND {Parameter(to)}");

    /// <summary>Text that begins with <paramref name="prefix"/> (an index range when the path is indexed).</summary>
    public LiteFilter StartsWith(string path, string prefix) => Term($"{path} LIKE {Parameter(prefix + "%")}");

    public LiteFilter In(string path, BsonArray values) => Term($"{path} IN {Parameter(values)}");

    /// <summary>The expression for LiteDB: the terms joined by AND, the values beside them.</summary>
    public BsonExpression Expression()
    {
        if (_terms.Count == 0)
        {
            throw new InvalidOperationException("A filter needs at least one term.");
        }

        return BsonExpression.Create(string.Join(" AND ", _terms), _parameters);
    }

    private string Parameter(BsonValue value)
    {
        var name = $"p{_parameters.Count}";
        _parameters[name] = value ?? BsonValue.Null;
        return "@" + name;
    }

    private LiteFilter Term(string term)
    {
        _terms.Add(term);
        return this;
    }
}
