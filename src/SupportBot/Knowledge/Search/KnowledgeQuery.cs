using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SupportBot.Knowledge.Search;

/// <summary>
/// How a query ranks articles. Words count (title twice the body), and the slots count more: the same system a
/// little, the same error code a lot, and the same error code on the same system most, because that is the
/// strongest evidence that two reports are the same problem.
/// </summary>
internal static class KnowledgeQuery
{
    private const float TitleBoost = 2f;
    private const float SystemBoost = 3f;
    private const float SymptomBoost = 1.5f;
    private const float CodeBoost = 6f;
    private const float SystemCodeBoost = 10f;

    /// <summary>
    /// The words' query over the index as <paramref name="index"/> sees it, and the words any title or body there has.
    /// </summary>
    /// <remarks>
    /// Each title and body word is looked up in the index once: that lookup (its document counts per segment) both
    /// says whether the word is known and goes into the word's query, which would otherwise look it up again. The
    /// known-words test by its own lookups was about 2% of the intake's CPU.
    /// </remarks>
    public static (BooleanQuery Query, List<string> Known) Build(IReadOnlyList<string> terms, SearchSlots slots, BilingualAnalyzer analyzer, IndexReaderContext index)
    {
        var query = new BooleanQuery();
        var known = new List<string>(terms.Count);
        var lookups = new TermLookups(index);
        foreach (var term in terms)
        {
            var title = new Term(KnowledgeFields.Title, term);
            var body = new Term(KnowledgeFields.Body, term);
            var inTitles = lookups.Build(title);
            var inBodies = lookups.Build(body);
            if (inTitles.DocFreq + inBodies.DocFreq > 0)
            {
                known.Add(term);
            }

            query.Add(new TermQuery(title, inTitles) { Boost = TitleBoost }, Occur.SHOULD);
            query.Add(new TermQuery(body, inBodies), Occur.SHOULD);
        }

        if (slots.System is { } system)
        {
            query.Add(new TermQuery(new Term(KnowledgeFields.System, system)) { Boost = SystemBoost }, Occur.SHOULD);
        }

        if (slots.ErrorCode is { } code)
        {
            query.Add(new TermQuery(new Term(KnowledgeFields.Code, code)) { Boost = CodeBoost }, Occur.SHOULD);
            if (slots.System is not null)
            {
                query.Add(new TermQuery(new Term(KnowledgeFields.SystemCode, $"{slots.System}|{code}")) { Boost = SystemCodeBoost }, Occur.SHOULD);
            }
        }

        foreach (var term in slots.Symptom is { } symptom ? analyzer.Terms(symptom) : [])
        {
            query.Add(new TermQuery(new Term(KnowledgeFields.Symptom, term)) { Boost = SymptomBoost }, Occur.SHOULD);
        }

        return (query, known);
    }

    /// <summary>
    /// 0–1: the share of the query's words the article's title and problem have, raised by a shared system and
    /// more by a shared error code, and halved for another system or another error code than the ones asked about.
    /// </summary>
    public static double Confidence(IReadOnlyList<string> queryTerms, IReadOnlyList<string> articleTerms, SearchSlots slots, string? system, string? code)
    {
        var coverage = queryTerms.Count == 0 ? 0 : (double)queryTerms.Count(articleTerms.Contains) / queryTerms.Count;
        var sameSystem = slots.System is not null && slots.System == system;
        var sameCode = slots.ErrorCode is not null && slots.ErrorCode == code;
        var confidence = sameSystem ? 0.3 + (0.6 * coverage) : 0.6 * coverage;
        if (sameCode)
        {
            confidence = Math.Max(confidence, sameSystem ? 1.0 : 0.8);
        }

        // Another system, or another error code, is evidence of another problem however many words are shared.
        if (slots.System is not null && system is not null && !sameSystem)
        {
            confidence /= 2;
        }

        if (slots.ErrorCode is not null && code is not null && !sameCode)
        {
            confidence /= 2;
        }

        return Math.Round(Math.Min(confidence, 1.0), 3);
    }
}
