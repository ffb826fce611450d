using System.Diagnostics;
using System.Text.Json;
using JiebaNet.Segmenter;
using SupportBot.Knowledge.Search;

/// <summary>
/// The compact dictionary against jieba.NET's own segmenter: the heap each keeps once loaded (a full collection before
/// and after), the time to load, whether both cut every text alike (word and position, search mode), and their speed.
/// The texts are the labelled set's articles and queries, plus every line of a file if one is given.
/// </summary>
internal static class DictionaryBench
{
    public static void Run(string? textsFile)
    {
        var texts = LabelledTexts().Concat(textsFile is null ? [] : File.ReadLines(textsFile)).Where(text => text.Length > 0).ToList();

        var heap = LiveHeap();
        var clock = Stopwatch.StartNew();
        var ours = ChineseSegmenter.Shared;
        ours.Tokenize("打印机卡纸");
        Console.WriteLine($"compact dictionary: loaded in {clock.ElapsedMilliseconds} ms, heap +{(LiveHeap() - heap) / 1048576.0:F1} MB (with jieba.NET's model)");

        heap = LiveHeap();
        clock.Restart();
        var theirs = new JiebaSegmenter();
        foreach (var word in ChineseSegmenter.AddedWords())
        {
            theirs.AddWord(word, ChineseSegmenter.AddedFrequency);
        }

        theirs.Tokenize("打印机卡纸", TokenizerMode.Search);
        Console.WriteLine($"jieba.NET's dictionary: loaded in {clock.ElapsedMilliseconds} ms, heap +{(LiveHeap() - heap) / 1048576.0:F1} MB more");

        var differ = 0;
        foreach (var text in texts)
        {
            var a = ours.Tokenize(text).Select(token => (token.Word, token.Start, token.End));
            var b = theirs.Tokenize(text, TokenizerMode.Search).Select(token => (token.Word, token.StartIndex, token.EndIndex));
            if (!a.SequenceEqual(b) && ++differ <= 10)
            {
                Console.WriteLine($"differs: {text}\n  compact:   {string.Join("|", a.Select(t => t.Word))}\n  jieba.NET: {string.Join("|", b.Select(t => t.Word))}");
            }
        }

        Console.WriteLine($"{texts.Count:N0} texts ({texts.Sum(text => text.Length):N0} characters): {texts.Count - differ:N0} cut alike, {differ:N0} differ");

        var big = string.Join("\n", texts);
        foreach (var (name, cut) in new (string, Func<string, int>)[] { ("compact", text => ours.Tokenize(text).Count), ("jieba.NET", text => theirs.Tokenize(text, TokenizerMode.Search).Count()) })
        {
            cut(big);
            clock.Restart();
            for (var i = 0; i < 5; i++)
            {
                cut(big);
            }

            Console.WriteLine($"{name}: {5 * big.Length / clock.Elapsed.TotalSeconds / 1000:F0} k characters/s");
        }

        GC.KeepAlive(theirs);
    }

    private static IEnumerable<string> LabelledTexts()
    {
        foreach (var file in new[] { "articles.jsonl", "queries.jsonl" })
        {
            foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "quality", file)))
            {
                using var document = JsonDocument.Parse(line);
                foreach (var field in document.RootElement.EnumerateObject().Where(field => field.Value.ValueKind == JsonValueKind.String))
                {
                    yield return field.Value.GetString()!;
                }
            }
        }
    }

    private static long LiveHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
