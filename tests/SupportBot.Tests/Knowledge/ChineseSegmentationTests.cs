using SupportBot.Knowledge.Search;

namespace SupportBot.Tests.Knowledge;

/// <summary>
/// The words the knowledge index makes of Chinese support text. The dictionary is held in a compact form; these are the
/// words a smaller dictionary (jieba's rarer words dropped) would have lost, and a search for them would then match any
/// text holding their characters apart.
/// </summary>
public sealed class ChineseSegmentationTests
{
    [Fact]
    public void Rare_dictionary_words_of_support_reports_stay_whole()
    {
        using var analyzer = new BilingualAnalyzer();

        var terms = analyzer.Terms("无线网老是掉线,发件箱里的邮件发不出,错误码 10061,工资条显示不出来");

        Assert.Superset(new HashSet<string> { "无线网", "掉线", "发件箱", "发不出", "错误码", "10061", "工资条" }, terms.ToHashSet());
    }

    [Fact]
    public void A_long_word_also_yields_the_words_inside_it_so_a_shorter_query_finds_it()
    {
        using var analyzer = new BilingualAnalyzer();

        var terms = analyzer.Terms("办公室打印机打印出来全是乱码");

        Assert.Superset(new HashSet<string> { "办公室", "办公", "打印机", "打印", "乱码" }, terms.ToHashSet());
    }

    [Fact]
    public void Support_words_added_to_the_dictionary_win_over_the_general_split()
    {
        using var analyzer = new BilingualAnalyzer();

        var terms = analyzer.Terms("ERP 导出报表时报错 E1024,企业微信扫码登录一直转圈");

        Assert.Superset(new HashSet<string> { "erp", "导出", "报表", "报错", "e1024", "扫码", "转圈" }, terms.ToHashSet());
        Assert.DoesNotContain("时报", terms);
    }
}
