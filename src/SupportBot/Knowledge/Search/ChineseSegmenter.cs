using System.Text.RegularExpressions;
using JiebaNet.Segmenter;
using JiebaNet.Segmenter.FinalSeg;
using SupportBot.Describing;

namespace SupportBot.Knowledge.Search;

/// <summary>A word of the text and where it stands (end exclusive).</summary>
internal readonly record struct ChineseToken(string Word, int Start, int End);

/// <summary>
/// jieba's segmentation in search mode over <see cref="ChineseDictionary"/>: the text cut into the most probable
/// sequence of dictionary words (runs of characters no word covers go to jieba.NET's hidden Markov model, which finds
/// unknown words), and each long word followed by the dictionary words inside it, so "打印" finds "打印机". It cuts
/// exactly as jieba.NET 0.42.2's own segmenter does; only the dictionary is held differently (jieba.NET's costs 33 MB
/// of heap for good, this one about 5 MB — bench/README.md, "The fixed shares and the GC's slack").
/// </summary>
internal sealed partial class ChineseSegmenter(ChineseDictionary words)
{
    private static readonly Lazy<ChineseSegmenter> Loaded = new(Load);

    /// <summary>Support words jieba's general dictionary splits badly ("时报错" as 时报|错); added with the catalogue's system names.</summary>
    private static readonly string[] SupportWords =
    [
        "报错", "乱码", "卡纸", "蓝屏", "白屏", "黑屏", "闪退", "卡顿", "转圈", "打卡", "扫码", "无响应", "打不开", "连不上", "登不上",
        "登录不了", "收不到", "发不出", "加载", "超时", "共享盘", "内网", "外网", "驱动", "审批流", "报销单", "月结",
    ];

    /// <summary>The frequency the added words get: high enough that the route keeps them whole.</summary>
    public const int AddedFrequency = 20_000;

    private readonly double _logTotal = Math.Log(words.Total);

    /// <summary>The one segmenter of the process, its dictionary read at first use: the files ship beside the app (SupportBot.csproj).</summary>
    public static ChineseSegmenter Shared => Loaded.Value;

    /// <summary>The words of <paramref name="text"/> in search mode, spaces and punctuation included, in jieba's order.</summary>
    public List<ChineseToken> Tokenize(string text)
    {
        var tokens = new List<ChineseToken>();
        var at = 0;
        foreach (var word in Cut(text))
        {
            for (var size = 2; size <= 3; size++)
            {
                for (var i = 0; word.Length > size && i + size <= word.Length; i++)
                {
                    if (words.Frequency(word.AsSpan(i, size)) > 0)
                    {
                        tokens.Add(new(word.Substring(i, size), at + i, at + i + size));
                    }
                }
            }

            tokens.Add(new(word, at, at + word.Length));
            at += word.Length;
        }

        return tokens;
    }

    /// <summary>The text cut into words: runs of Chinese, Latin letters, digits and a few joiners are segmented; anything else is kept a character (or a space) at a time.</summary>
    private List<string> Cut(string text)
    {
        var cut = new List<string>();
        foreach (var block in Segmentable().Split(text))
        {
            if (block.Length == 0)
            {
                continue;
            }

            if (Segmentable().IsMatch(block))
            {
                CutBlock(block, cut);
                continue;
            }

            foreach (var part in Space().Split(block))
            {
                if (Space().IsMatch(part))
                {
                    cut.Add(part);
                }
                else
                {
                    cut.AddRange(part.Select(c => c.ToString()));
                }
            }
        }

        return cut;
    }

    /// <summary>
    /// The most probable route through the words the dictionary knows at each position (each word's log probability
    /// summed, from the end backwards); a run of single characters on that route goes to the hidden Markov model.
    /// </summary>
    private void CutBlock(string block, List<string> cut)
    {
        var length = block.Length;
        var score = new double[length + 1];
        var next = new int[length];
        var found = new List<(int Length, int Frequency)>();
        for (var start = length - 1; start >= 0; start--)
        {
            found.Clear();
            words.WordsAt(block.AsSpan(start), found);
            if (found.Count == 0)
            {
                found.Add((1, 1)); // a character no word begins with counts as seen once
            }

            var best = double.MinValue;
            foreach (var (size, frequency) in found)
            {
                var candidate = Math.Log(frequency) - _logTotal + score[start + size];
                if (best < candidate)
                {
                    (best, next[start]) = (candidate, start + size);
                }
            }

            score[start] = best;
        }

        var singles = 0; // where the current run of single characters began
        for (var at = 0; at < length; at = next[at])
        {
            if (next[at] - at > 1)
            {
                AddSingles(block[singles..at], cut);
                cut.Add(block[at..next[at]]);
                singles = next[at];
            }
        }

        AddSingles(block[singles..], cut);
    }

    /// <summary>A run of single characters: a dictionary word stays split (the route chose so); anything else the model cuts.</summary>
    private void AddSingles(string run, List<string> cut)
    {
        if (run.Length <= 1)
        {
            if (run.Length == 1)
            {
                cut.Add(run);
            }
        }
        else if (words.Frequency(run) == 0)
        {
            cut.AddRange(Viterbi.Instance.Cut(run));
        }
        else
        {
            cut.AddRange(run.Select(c => c.ToString()));
        }
    }

    private static ChineseSegmenter Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "jieba");
        ConfigManager.ConfigFileBaseDir = folder; // where jieba.NET's model reads its probability tables
        return new ChineseSegmenter(ChineseDictionary.Load(Path.Combine(folder, "dict.txt"), AddedWords(), AddedFrequency));
    }

    /// <summary>The words added to jieba's dictionary: <see cref="SupportWords"/> and the catalogue's Chinese system names.</summary>
    public static IEnumerable<string> AddedWords() =>
        SupportWords.Concat(SystemsCatalogue.Default.Entries.SelectMany(entry => entry.Aliases)).Where(IsChinese);

    private static bool IsChinese(string word) => word.Length > 1 && word.All(c => c is >= '\u4e00' and <= '\u9fff');

    /// <summary>What jieba segments: CJK ideographs, Latin letters, digits and + # &amp; . _ % · -.</summary>
    [GeneratedRegex(@"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%·\-]+)")]
    private static partial Regex Segmentable();

    [GeneratedRegex(@"(\r\n|\s)")]
    private static partial Regex Space();
}
