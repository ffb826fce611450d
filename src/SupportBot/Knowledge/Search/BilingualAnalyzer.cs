using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace SupportBot.Knowledge.Search;

/// <summary>
/// Words for the knowledge index from English, Chinese and mixed text: jieba segments the Chinese into words (search
/// mode, so "打印机" is found by "打印" too), Latin words are lower-cased and stemmed, and function words go.
/// </summary>
internal sealed class BilingualAnalyzer : Analyzer
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly CharArraySet StopWords = new(Version,
    [
        "a", "an", "and", "the", "to", "of", "in", "on", "at", "is", "it", "i", "my", "me", "with", "when", "for", "or", "be", "was",
        "的", "了", "是", "在", "时", "后", "我", "就", "都", "也", "和", "着", "吗", "呢", "吧", "啊", "一下", "这个", "那个",
    ], ignoreCase: true);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new JiebaTokenizer(reader);
        TokenStream stream = new LowerCaseFilter(Version, source);
        stream = new StopFilter(Version, stream, StopWords);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    /// <summary>The distinct terms this analyzer makes of <paramref name="text"/>.</summary>
    public IReadOnlyList<string> Terms(string text)
    {
        var terms = new List<string>();
        using var stream = GetTokenStream("terms", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var word = term.ToString();
            if (!terms.Contains(word))
            {
                terms.Add(word);
            }
        }

        stream.End();
        return terms;
    }
}

/// <summary>jieba's search-mode tokens, without the spaces and punctuation it also returns.</summary>
internal sealed class JiebaTokenizer : Tokenizer
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private List<ChineseToken> _tokens = [];
    private int _next;
    private int _length;

    public JiebaTokenizer(TextReader input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    public override void Reset()
    {
        base.Reset();
        var text = m_input.ReadToEnd();
        _length = text.Length;
        _tokens = [.. ChineseSegmenter.Shared.Tokenize(text).Where(token => token.Word.Any(char.IsLetterOrDigit))];
        _next = 0;
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        if (_next >= _tokens.Count)
        {
            return false;
        }

        var token = _tokens[_next++];
        _term.SetEmpty().Append(token.Word);
        _offset.SetOffset(CorrectOffset(token.Start), CorrectOffset(token.End));
        return true;
    }

    public override void End()
    {
        base.End();
        _offset.SetOffset(CorrectOffset(_length), CorrectOffset(_length));
    }
}
