namespace SupportBot.Tests.Describing;

/// <summary>The general rules of the tuning round on h2101–h2300 (bench/README.md, round h17t9), each in both languages.</summary>
public sealed partial class DescriptionAnalyzerTests
{
    [Theory]
    [InlineData("Zoom sits on 'Connecting...' every time I join from the office", "en-US", "Zoom")]
    [InlineData("OA的报表页面一直显示「处理中」,等了二十分钟", "zh-CN", "OA")]
    [InlineData("Teams just says 'Connecting...' forever", "en-US", "Teams")]
    [InlineData("VPN登录一直卡在'正在验证'", "zh-CN", "VPN")]
    public void A_progress_state_shown_too_long_is_the_symptom_and_no_error_code(string text, string locale, string system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true, (string?)null), (analysis.Slots.System, analysis.Specific, analysis.Slots.ErrorCode));
    }

    // A network fault at a place written in words or "of the Nth floor" asks no action; nor does an install request
    // that names what is to be installed, nor a password prompt that keeps coming back.
    [Theory]
    [InlineData("三楼茶水间旁边的无线网老是断", "zh-CN")]
    [InlineData("The wifi keeps dropping on the east side of the 2nd floor", "en-US")]
    [InlineData("帮忙装一下 Photoshop", "zh-CN")]
    [InlineData("I need admin rights to install Git", "en-US")]
    [InlineData("Teams老是弹出输入密码的框,输了也没用", "zh-CN")]
    [InlineData("The shared drive asks for credentials every morning", "en-US")]
    public void A_network_fault_at_its_place_an_install_request_naming_its_software_or_a_returning_password_prompt_is_specific(string text, string locale)
    {
        Assert.True(Analyzer.Analyze(text, locale).Specific);
    }

    [Theory]
    [InlineData("能帮我装个软件吗", "zh-CN")]
    public void An_install_request_that_names_nothing_stays_vague(string text, string locale)
    {
        Assert.False(Analyzer.Analyze(text, locale).Specific);
    }

    [Theory]
    [InlineData("用Word打印合同的时候电脑蓝屏了", "zh-CN")]
    [InlineData("My laptop blue screened while I was exporting a video in Premiere", "en-US")]
    [InlineData("又蓝屏了,代码 0x0000007E", "zh-CN")]
    public void A_blue_screen_is_the_computers_whatever_was_running(string text, string locale)
    {
        Assert.Equal("Computer", Analyzer.Analyze(text, locale).Slots.System);
    }
}
