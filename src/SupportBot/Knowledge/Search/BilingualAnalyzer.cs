using JiebaNet.Segmenter;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;
using SupportBot.Describing;

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
    private readonly JiebaSegmenter _segmenter = Jieba.Segmenter();
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private List<JiebaNet.Segmenter.Token> _tokens = [];
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
        _tokens = [.. _segmenter.Tokenize(text, TokenizerMode.Search).Where(token => token.Word.Any(char.IsLetterOrDigit))];
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
        _offset.SetOffset(CorrectOffset(token.StartIndex), CorrectOffset(token.EndIndex));
        return true;
    }

    public override void End()
    {
        base.End();
        _offset.SetOffset(CorrectOffset(_length), CorrectOffset(_length));
    }
}

/// <summary>
/// jieba's dictionary, once per process: its files ship beside the app (SupportBot.csproj), and the support words its
/// general dictionary splits badly ("时报错" as 时报|错) and the catalogue's system names are added to it.
/// </summary>
internal static class Jieba
{
    private static readonly Lock Gate = new();
    private static bool _ready;

    private static readonly string[] SupportWords =
    [
        "报错", "乱码", "卡纸", "蓝屏", "白屏", "黑屏", "闪退", "卡顿", "转圈", "打卡", "扫码", "无响应", "打不开", "连不上", "登不上",
        "登录不了", "收不到", "发不出", "加载", "超时", "共享盘", "内网", "外网", "驱动", "审批流", "报销单", "月结",
    ];

    public static JiebaSegmenter Segmenter()
    {
        lock (Gate)
        {
            if (!_ready)
            {
                ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "jieba");
                var segmenter = new JiebaSegmenter();
                foreach (var word in SupportWords.Concat(SystemsCatalogue.Default.Entries.SelectMany(entry => entry.Aliases)).Where(IsChinese))
                {
                    segmenter.AddWord(word, freq: 20_000);
                }

                _ready = true;
            }

            return new JiebaSegmenter();
        }
    }

    private static bool IsChinese(string word) => word.Length > 1 && word.All(c => c is >= '\u4e00' and <= '\u9fff');
}
