using Lucene.Net.Index;

namespace SupportBot.Knowledge.Search;

/// <summary>
/// Looks up many terms of one query in the index, reusing one terms enumerator per segment and field.
/// </summary>
/// <remarks>
/// What <see cref="TermContext.Build"/> does for one term, but Lucene's version opens a fresh enumerator per term and
/// segment, and an enumerator allocates its stack of frames as it seeks: with two fields per word of a report that was
/// about a tenth of everything an intake turn allocated. A seeked enumerator's <see cref="TermsEnum.GetTermState"/> is
/// a copy, so reusing the enumerator for the next term leaves the registered states intact.
/// </remarks>
internal sealed class TermLookups(IndexReaderContext index)
{
    private readonly Dictionary<(int Leaf, string Field), TermsEnum?> _enums = [];

    public TermContext Build(Term term)
    {
        var context = new TermContext(index);
        foreach (var leaf in index.Leaves)
        {
            if (Enumerator(leaf, term.Field) is { } terms && terms.SeekExact(term.Bytes))
            {
                context.Register(terms.GetTermState(), leaf.Ord, terms.DocFreq, terms.TotalTermFreq);
            }
        }

        return context;
    }

    private TermsEnum? Enumerator(AtomicReaderContext leaf, string field)
    {
        if (!_enums.TryGetValue((leaf.Ord, field), out var terms))
        {
            terms = leaf.AtomicReader.GetTerms(field)?.GetEnumerator();
            _enums[(leaf.Ord, field)] = terms;
        }

        return terms;
    }
}
