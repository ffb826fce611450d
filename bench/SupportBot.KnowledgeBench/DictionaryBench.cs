using System.Diagnostics;
using System.Text.Json;
using JiebaNet.Segmenter;
using SupportBot.Knowledge.Search;

/// <summary>
/// The compact dictionary against jieba.NET's own segmenter: the heap each keeps once loaded (a full collection before
/// and after), the time to load, whether both cut every text alike (word and position, search mode), and their speed.
/// The texts are the labelled set's articles and queries, plus every string of the .jsonl files given (e.g. the
/// description test cases, tests/SupportBot.Tests/Describing/Cases/*.jsonl) and every line of any other file given.
/// </summary>
internal static class DictionaryBench
{
    private static readonly string[] LabelledSet = ["articles.jsonl", "queries.jsonl"];

    public static void Run(IEnumerable<string> files)
    {
        var texts = LabelledSet.Select(file => Path.Combine(AppContext.BaseDirectory, "quality", file)).Concat(files)
            .SelectMany(file => file.EndsWith(".jsonl", StringComparison.Ordinal) ? File.ReadLines(file).Where(line => line.StartsWith('{')).SelectMany(StringsOf) : File.ReadLines(file))
            .Where(text => text.Length > 0)
            .Distinct()
            .ToList();

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

    private static IEnumerable<string> StringsOf(string jsonLine)
    {
        using var document = JsonDocument.Parse(jsonLine);
        var found = new List<string>();
        Collect(document.RootElement, found);
        return found;
    }

    private static void Collect(JsonElement element, List<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                found.Add(element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, found);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, found);
                }

                break;
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
