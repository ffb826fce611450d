using BenchmarkDotNet.Attributes;
using SupportBot.Describing;

namespace SupportBot.Benchmarks;

/// <summary>
/// Analysing a reporter's text of about 500 characters (the target: under 200 µs median), in each
/// language, plus the short vague text that starts most conversations. The engine is built once, as in the app.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class DescriptionBenchmarks
{
    private const string Chinese =
        "各位好,我是财务部的张三。今天早上九点左右开始,我们部门的同事在ERP系统里面生成月结报表的时候特别慢,要等20分钟才出来," +
        "有时候直接报错,提示'数据格式错误',错误代码为E005。我们已经试过重启电脑、清除浏览器缓存,也换了Chrome和Edge两个浏览器,问题依旧。" +
        "另外导出凭证的时候偶尔也会卡住没反应,只有我们部门这样,其他部门的同事说他们那边正常。这个报表今天下班前必须交给财务总监," +
        "麻烦尽快帮忙看一下,谢谢!我的分机是8021,工号A10023。补充一下:系统版本是V3.2,昨天晚上好像做过一次升级,升级之后才出现这个问题。" +
        "截图我稍后发过来。再补充一点,我们用的是3楼的办公网络,wifi和网线都试过了,一样慢。" +
        "我们还注意到,上午十点以后情况更严重,几乎每次点击'生成'按钮都要转圈很久,偶尔还会弹出一个白色的空白窗口,关掉以后需要重新登录ERP。" +
        "之前上个月也出现过一次类似的情况,当时是服务器磁盘满了,不知道这次是不是同样的原因。如果需要我们配合测试,随时联系我,我今天全天都在工位。" +
        "另外财务系统的报销单审批也有点慢,不过不着急,可以之后再看。再次感谢IT同事的支持,辛苦了!麻烦了!";

    private const string English =
        "Hi team, since the update yesterday evening, every time I try to export the monthly sales report from the CRM system the page " +
        "stays blank for about two minutes and then shows an error: 'Unknown error (code E005)'. I already cleared the browser cache, " +
        "tried Edge and Chrome, and restarted the laptop, but nothing helps. Colleagues on the 3rd floor have the same problem, so it is " +
        "not only me. The report is due to the sales director today, so this is fairly urgent. My extension is 8021. Screenshots to " +
        "follow. Thanks a lot for looking into this, and sorry for the long message!";

    private readonly DescriptionAnalyzer _analyzer = DescriptionAnalyzer.CreateDefault();

    [Benchmark]
    public object Chinese500() => _analyzer.Analyze(Chinese, "zh-CN");

    [Benchmark]
    public object English500() => _analyzer.Analyze(English, "en-US");

    [Benchmark]
    public object VagueShort() => _analyzer.Analyze("系统不好用", "zh-CN");
}
