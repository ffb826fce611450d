using System.Diagnostics;
using System.Text.Json;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Microsoft.Extensions.Logging.Abstractions;
using SupportBot.Describing;
using SupportBot.Knowledge;
using SupportBot.Knowledge.Search;

// Knowledge search, measured: quality on a labelled set, latency over 50,000 articles, and a restart that reuses the index.
//   dotnet run -c Release --project bench/SupportBot.KnowledgeBench -- quality|scale [articles] [queries]|segmenters|dictionary [files]|review [tickets] [in the week] [file to keep and reuse]
var mode = args.Length > 0 ? args[0] : "quality";
var slots = new KnowledgeSlots(DescriptionAnalyzer.CreateDefault(), SystemsCatalogue.Default);
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

switch (mode)
{
    case "quality":
        Quality();
        break;
    case "scale":
        Scale(args.Length > 1 ? int.Parse(args[1]) : 50_000, args.Length > 2 ? int.Parse(args[2]) : 5_000);
        break;
    case "segmenters":
        Segmenters();
        break;
    case "dictionary":
        DictionaryBench.Run(args.Skip(1));
        break;
    case "review":
        await ReviewBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000, args.Length > 2 ? int.Parse(args[2]) : 20_000, args.Length > 3 ? args[3] : null);
        break;
    default:
        Console.Error.WriteLine("quality | scale [articles] [queries] | segmenters | dictionary [files] | review [tickets] [in the week] [file to keep and reuse]");
        return 1;
}

return 0;

void Quality()
{
    var folder = TempFolder();
    using var index = new KnowledgeIndex(folder, slots, NullLogger<KnowledgeIndex>.Instance);
    var articles = Lines<LabelledArticle>("quality/articles.jsonl").Select((a, i) => Article(a.Id, a.Title, a.Problem, a.Cause, a.Solution, a.System, a.Language, i + 1)).ToList();
    index.CatchUp(articles);
    var queries = Lines<LabelledQuery>("quality/queries.jsonl");
    double precision = 0;
    int bestFirst = 0, bestInTop3 = 0;
    foreach (var query in queries)
    {
        var top = index.Search(query.Query, query.Locale, 3).Select(hit => hit.Id).ToList();
        precision += top.Count(query.Relevant.Contains) / 3.0;
        bestFirst += top.FirstOrDefault() == query.Best ? 1 : 0;
        bestInTop3 += top.Contains(query.Best) ? 1 : 0;
        if (top.FirstOrDefault() != query.Best)
        {
            Console.WriteLine($"  miss: {query.Query} → {string.Join(", ", top)} (best {query.Best})");
        }
    }

    // Precision@3 is capped by the labels: most queries have one or two relevant articles, so 1/3 or 2/3 is perfect for them.
    var ceiling = queries.Average(q => Math.Min(3, q.Relevant.Count) / 3.0);
    Console.WriteLine($"queries {queries.Count}: precision@3 {precision / queries.Count:F3} (ceiling {ceiling:F3}), best first {bestFirst / (double)queries.Count:F3}, best in top 3 {bestInTop3 / (double)queries.Count:F3}");
    Directory.Delete(folder, recursive: true);
}

void Scale(int count, int queries)
{
    var folder = TempFolder();
    var corpus = Synthetic.Articles(count).ToList();
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var clock = Stopwatch.StartNew();
    using (var index = new KnowledgeIndex(folder, slots, NullLogger<KnowledgeIndex>.Instance))
    {
        index.CatchUp(corpus);
        Console.WriteLine($"indexed {count:N0} articles in {clock.Elapsed.TotalSeconds:F1} s; {Size(folder) / 1_000_000.0:F1} MB on disk");
        var asks = Synthetic.Queries(queries).ToList();
        foreach (var (text, locale) in asks.Take(500))
        {
            index.Search(text, locale, 5);
        }

        var times = new List<double>(asks.Count);
        foreach (var (text, locale) in asks)
        {
            var one = Stopwatch.GetTimestamp();
            index.Search(text, locale, 5);
            times.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"search over {count:N0}: {asks.Count:N0} queries, p50 {times[times.Count / 2]:F2} ms, p90 {times[(int)(times.Count * 0.9)]:F2} ms, p99 {times[(int)(times.Count * 0.99)]:F2} ms, max {times[^1]:F2} ms");
        Console.WriteLine($"managed memory held by the index: {(GC.GetTotalMemory(forceFullCollection: true) - before) / 1_000_000.0:F0} MB");
    }

    clock.Restart();
    using (var reopened = new KnowledgeIndex(folder, slots, NullLogger<KnowledgeIndex>.Instance))
    {
        var indexed = reopened.CatchUp(corpus.Where(article => article.Sequence > reopened.Complete));
        Console.WriteLine($"restart: opened in {clock.Elapsed.TotalMilliseconds:F0} ms, {indexed} article(s) to catch up, {reopened.Count:N0} in the index");
    }

    Directory.Delete(folder, recursive: true);
}

void Segmenters()
{
    string[] texts = ["打印机打印出来全是乱码", "企业微信扫码登录一直转圈", "CRM客户列表加载很慢", "考勤打卡定位失败", "电脑开机蓝屏", "打印机卡纸", "ERP 导出报表时报错 E1024", "VPN连接后无法访问内网共享盘"];
    using var smart = new SmartChineseAnalyzer(Lucene.Net.Util.LuceneVersion.LUCENE_48);
    using var ours = new BilingualAnalyzer();
    foreach (var text in texts)
    {
        Console.WriteLine($"{text}\n  SmartCn: {string.Join(" / ", Tokens(smart, text))}\n  jieba:   {string.Join(" / ", ours.Terms(text))}");
    }

    var big = string.Concat(Enumerable.Repeat(string.Concat(texts), 400));
    foreach (var (name, analyzer) in new (string, Lucene.Net.Analysis.Analyzer)[] { ("SmartCn", smart), ("jieba", ours) })
    {
        Tokens(analyzer, big);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            Tokens(analyzer, big);
        }

        Console.WriteLine($"{name}: {5 * big.Length / clock.Elapsed.TotalSeconds / 1000:F0} k characters/s");
    }
}

static List<string> Tokens(Lucene.Net.Analysis.Analyzer analyzer, string text)
{
    var tokens = new List<string>();
    using var stream = analyzer.GetTokenStream("f", text);
    var term = stream.AddAttribute<ICharTermAttribute>();
    stream.Reset();
    while (stream.IncrementToken())
    {
        tokens.Add(term.ToString());
    }

    stream.End();
    return tokens;
}

List<T> Lines<T>(string path) => [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, path)).Where(line => line.Length > 0).Select(line => JsonSerializer.Deserialize<T>(line, json)!)];

static KnowledgeArticle Article(string id, string title, string problem, string? cause, string solution, string? system, string language, long sequence) => new()
{
    Id = id,
    Version = 1,
    Sequence = sequence,
    Language = language,
    CreatedAt = DateTimeOffset.UnixEpoch,
    UpdatedAt = DateTimeOffset.UnixEpoch,
    Text = new ArticleText { Title = title, Problem = problem, Cause = cause, Solution = solution, System = system },
};

static string TempFolder() => Path.Combine(Path.GetTempPath(), $"kb-bench-{Guid.NewGuid():N}");

static long Size(string folder) => new DirectoryInfo(folder).EnumerateFiles().Sum(file => file.Length);

internal sealed record LabelledArticle(string Id, string Title, string Problem, string? Cause, string Solution, string? System, string Language);

internal sealed record LabelledQuery(string Query, string Locale, string Best, IReadOnlyList<string> Relevant);

/// <summary>A large, varied knowledge base: systems × actions × symptoms × error codes, in both languages.</summary>
internal static class Synthetic
{
    private static readonly string[] Systems = ["OA", "CRM", "ERP", "SAP", "VPN", "邮箱", "报销系统", "财务系统", "考勤", "企业微信", "打印机", "Wi-Fi", "Outlook", "Expense", "Laptop"];
    private static readonly string[] ZhActions = ["登录", "打印", "导出报表", "提交审批", "保存", "上传附件", "查询", "扫码", "连接", "同步"];
    private static readonly string[] ZhSymptoms = ["报错", "没有反应", "一直转圈", "很慢", "闪退", "白屏", "乱码", "提示权限不足", "数据丢失", "超时"];
    private static readonly string[] EnActions = ["logging in", "printing", "exporting a report", "submitting an approval", "saving", "uploading a file", "searching", "scanning", "connecting", "syncing"];
    private static readonly string[] EnSymptoms = ["fails with an error", "does not respond", "keeps spinning", "is very slow", "crashes", "shows a blank page", "shows garbled text", "says access denied", "loses data", "times out"];

    public static IEnumerable<KnowledgeArticle> Articles(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var system = Systems[i % Systems.Length];
            var code = $"E{1000 + (i * 7 % 9000)}";
            var chinese = i % 2 == 0;
            var action = chinese ? ZhActions[i / 3 % ZhActions.Length] : EnActions[i / 3 % EnActions.Length];
            var symptom = chinese ? ZhSymptoms[i / 7 % ZhSymptoms.Length] : EnSymptoms[i / 7 % EnSymptoms.Length];
            var title = chinese ? $"{system}{action}时{symptom} {code}" : $"{system}: {action} {symptom} ({code})";
            var problem = chinese ? $"在{system}中{action}时{symptom},提示错误代码{code}(案例 {i})" : $"In {system}, {action} {symptom} with error {code} (case {i})";
            yield return new KnowledgeArticle
            {
                Id = $"KB-{i + 1:D6}",
                Version = 1,
                Sequence = i + 1,
                Language = chinese ? "zh-CN" : "en-US",
                CreatedAt = DateTimeOffset.UnixEpoch,
                UpdatedAt = DateTimeOffset.UnixEpoch,
                Text = new ArticleText { Title = title, Problem = problem, Cause = chinese ? "配置变更" : "a configuration change", Solution = chinese ? "回滚配置并重启服务" : "roll back the configuration and restart the service", System = system },
            };
        }
    }

    public static IEnumerable<(string Text, string Locale)> Queries(int count)
    {
        var random = new Random(20);
        for (var i = 0; i < count; i++)
        {
            var system = Systems[random.Next(Systems.Length)];
            var code = random.Next(3) == 0 ? $" E{1000 + random.Next(9000)}" : "";
            yield return random.Next(2) == 0
                ? ($"{system}{ZhActions[random.Next(ZhActions.Length)]}的时候{ZhSymptoms[random.Next(ZhSymptoms.Length)]}{code}", "zh-CN")
                : ($"{EnActions[random.Next(EnActions.Length)]} in {system} {EnSymptoms[random.Next(EnSymptoms.Length)]}{code}", "en-US");
        }
    }
}
