namespace SupportBot.Tests.Describing;

/// <summary>The general rules of the tuning round on h1101–h1230 (bench/README.md), each in both languages.</summary>
public sealed partial class DescriptionAnalyzerTests
{
    [Theory]
    [InlineData("打印机面板上显示错误代码SC542", "zh-CN", "Printer", "打印机显示错误代码SC542")]
    [InlineData("VPN error 809", "en-US", "VPN", "The VPN shows error code 809.")]
    [InlineData("The projector says \"No Signal\" with my laptop", "en-US", "Monitor", "The projector says \"No Signal\".")]
    public void A_device_or_network_showing_its_own_error_is_specific_without_an_action(string text, string locale, string system, string description)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true, description), (analysis.Slots.System, analysis.Specific, analysis.Description));
        Assert.DoesNotContain("action", analysis.Missing);
    }

    [Theory]
    [InlineData("电脑蓝屏了,提示IRQL_NOT_LESS_OR_EQUAL", "zh-CN")]
    [InlineData("Got a BSOD - IRQL_NOT_LESS_OR_EQUAL", "en-US")]
    [InlineData("账号提示已锁定", "zh-CN")]
    [InlineData("My account says \"Account locked\"", "en-US")]
    [InlineData("电脑很卡", "zh-CN")]
    [InlineData("the wifi keeps dropping", "en-US")]
    public void A_computers_stop_code_an_accounts_error_or_a_bare_device_symptom_still_asks_what_was_being_done(string text, string locale)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.False(analysis.Specific);
        Assert.Equal("action", analysis.Missing[0]);
    }

    [Theory]
    [InlineData("getting error 0x80004005 again", "en-US")]
    [InlineData("一直报 ORA-12541,咋回事", "zh-CN")]
    public void A_bare_error_code_asks_which_system_first(string text, string locale)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal(["system", "action"], analysis.Missing);
    }

    [Theory]
    [InlineData("导出报表时提示'数据格式错误'", "zh-CN")]
    [InlineData("When exporting the report it says 'Data format error'", "en-US")]
    public void An_error_with_what_was_being_done_needs_no_system(string text, string locale)
    {
        Assert.True(Analyzer.Analyze(text, locale).Specific);
    }

    [Theory]
    [InlineData("电脑每次一插扩展坞就蓝屏", "插扩展坞", "电脑一插扩展坞就蓝屏(每次)")]
    [InlineData("一开Teams会议就掉线", "开Teams会议", "一开Teams会议就掉线")]
    public void What_stands_between_yi_and_jiu_is_the_action(string text, string action, string description)
    {
        var analysis = Analyzer.Analyze(text, "zh-CN");

        Assert.Equal((action, true, description), (analysis.Slots.Action, analysis.Specific, analysis.Description));
    }

    [Theory]
    [InlineData("一直弹窗,第一次见")]
    [InlineData("打开OA一会儿就断")]
    public void Yi_that_starts_or_ends_a_word_of_its_own_is_no_action(string text)
    {
        Assert.NotEqual("会儿", Analyzer.Analyze(text, "zh-CN").Slots.Action);
        Assert.NotEqual("次见", Analyzer.Analyze(text, "zh-CN").Slots.Action);
    }

    [Fact]
    public void As_soon_as_marks_the_action_in_English()
    {
        Assert.Equal("open an attachment", Analyzer.Analyze("Outlook crashes as soon as I open an attachment", "en-US").Slots.Action);
    }

    [Theory]
    [InlineData("Could someone give me a call? ext 4417", "en-US")]
    [InlineData("有问题给我回个电话", "zh-CN")]
    public void Asking_for_a_call_back_is_no_action_and_no_phone(string text, string locale)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal(["system", "action", "symptom", "errorCode"], analysis.Missing);
    }

    [Theory]
    [InlineData("显示器一闪一闪的,接扩展坞的时候才这样", "zh-CN", "一闪一闪")]
    [InlineData("PPT放映的时候投影仪没画面", "zh-CN", "没画面")]
    [InlineData("扫描仪扫出来的文件发不到邮箱", "zh-CN", "发不到邮箱")]
    [InlineData("共享文件夹里的资料被人误删了", "zh-CN", "误删")]
    [InlineData("Outlook一直弹窗让输入密码", "zh-CN", "一直弹窗")]
    [InlineData("GlobalProtect 一直卡在 connecting", "zh-CN", "卡在")]
    [InlineData("Zoom audio cuts out on my calls", "en-US", "cuts out")]
    [InlineData("whenever I dock, the external display stays black", "en-US", "stays black")]
    [InlineData("Outlook calendar stopped syncing to my phone", "en-US", "stopped syncing")]
    public void Symptom_phrase_families_are_read_in_both_languages(string text, string locale, string symptom)
    {
        Assert.Contains(symptom, Analyzer.Analyze(text, locale).Slots.Symptom, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("用Excel打印的时候打印机卡纸", "zh-CN", "Printer")]
    [InlineData("PPT放映的时候投影仪没画面", "zh-CN", "Monitor")]
    [InlineData("Presenting from PowerPoint, the projector flickers", "en-US", "Monitor")]
    [InlineData("Outlook on my laptop crashes when I open an attachment", "en-US", "Email")]
    [InlineData("在电脑上打开Excel就卡死", "zh-CN", "Excel")]
    public void The_device_just_before_the_symptom_is_the_system_not_the_application_used(string text, string locale, string system)
    {
        Assert.Equal(system, Analyzer.Analyze(text, locale).Slots.System);
    }

    [Theory]
    [InlineData("video freezes in every Teams meeting", "en-US", "every Teams meeting")]
    [InlineData("Teams开会的时候视频卡住", "zh-CN", "开会")]
    public void A_meeting_is_what_the_reporter_was_doing(string text, string locale, string action)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((action, true), (analysis.Slots.Action, analysis.Specific));
    }

    [Fact]
    public void The_meeting_room_is_a_place_not_an_action()
    {
        Assert.Null(Analyzer.Analyze("The projector in the meeting room says \"No Signal\"", "en-US").Slots.Action);
    }
}
