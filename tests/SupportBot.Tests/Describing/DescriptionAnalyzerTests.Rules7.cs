using SupportBot.Describing;

namespace SupportBot.Tests.Describing;

/// <summary>The general rules of the tuning round on h1301–h1450 (bench/README.md), each in both languages.</summary>
public sealed partial class DescriptionAnalyzerTests
{
    [Theory]
    [InlineData("The Approve button in the OA mobile app does nothing", "en-US", "OA", "OA: the Approve button does nothing.")]
    [InlineData("CRM里保存按钮没反应", "zh-CN", "CRM", "CRM系统'保存'按钮没反应")]
    public void A_button_that_does_nothing_has_been_pressed_and_asks_no_action(string text, string locale, string system, string description)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true, description), (analysis.Slots.System, analysis.Specific, analysis.Description));
        Assert.DoesNotContain("action", analysis.Missing);
    }

    // The rule asks; since the refit of round h17t12 the learned decision promotes these two, as five labelled cases
    // with an element other than a button say it should (own o125, tuning7 h1391, tuning10 h2343 and h2395, tuning11
    // h2691, all specific), so the rule is what is tested here (bench/README.md, round h17t12).
    [Theory]
    [InlineData("OA的待办列表一直是空的")]
    [InlineData("The order list in CRM is empty")]
    public void Another_element_still_asks_what_was_being_done(string text)
    {
        var facts = DescriptionTextReader.Read(text, DescriptionLexicon.Default);

        Assert.False(facts.Specific);
        Assert.True(facts.Missing(DescriptionSlot.Action));
    }

    [Theory]
    [InlineData("oa审批点同意没反应 code e005", "zh-CN", "e005")]
    [InlineData("Approving in OA fails with error code e005", "en-US", "e005")]
    [InlineData("OA portal wont open from the hotel, chrome says err_connection_reset", "en-US", "err_connection_reset")]
    [InlineData("打开OA提示 err_name_not_resolved", "zh-CN", "err_name_not_resolved")]
    public void A_code_typed_in_lower_case_is_still_the_error_code(string text, string locale, string code)
    {
        Assert.Equal(code, Analyzer.Analyze(text, locale).Slots.ErrorCode);
    }

    [Fact]
    public void A_year_after_an_error_cue_is_no_code()
    {
        Assert.NotEqual("in 2023", Analyzer.Analyze("Saving in CRM fails, error in 2023 reports only", "en-US").Slots.ErrorCode);
    }

    [Fact]
    public void The_common_typo_of_xianshi_still_cues_the_message()
    {
        var analysis = Analyzer.Analyze("打印机一直显视“脱机” 重启了也没用", "zh-CN");

        Assert.Equal(("Printer", "脱机"), (analysis.Slots.System, analysis.Slots.ErrorCode));
    }

    [Fact]
    public void A_typo_of_the_attendance_system_is_the_HR_system()
    {
        Assert.Equal("HR", Analyzer.Analyze("考情系统打卡一直显示'网络错误'", "zh-CN").Slots.System);
    }

    [Theory]
    [InlineData("How do I set up an automatic out-of-office reply in Outlook on the web?", "en-US", "Email")]
    [InlineData("请问 Outlook 怎么设置邮件签名?", "zh-CN", "Email")]
    [InlineData("新来的同事没有共享盘里市场部目录的权限,麻烦帮忙开通一下", "zh-CN", "File share")]
    [InlineData("Is there a way to get the VPN working on my personal iPad?", "en-US", "VPN")]
    public void A_how_to_question_or_a_request_that_names_its_task_asks_nothing_back(string text, string locale, string system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true), (analysis.Slots.System, analysis.Specific));
        Assert.Empty(analysis.Missing);
        Assert.Equal(text, analysis.Description);
    }

    [Theory]
    [InlineData("CRM里的客户怎么被别人转走了?", "zh-CN")]
    [InlineData("OA怎么又登不上了", "zh-CN")]
    [InlineData("How do I fix this? Outlook crashes when I open attachments", "en-US")]
    public void A_question_about_a_fault_is_read_as_the_fault(string text, string locale)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.NotEqual(text, analysis.Description);
    }

    [Theory]
    [InlineData("请问这个怎么设置?", "zh-CN")]
    [InlineData("How do I set this up?", "en-US")]
    public void A_how_to_question_without_a_system_asks_which_one(string text, string locale)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((false, "system"), (analysis.Specific, analysis.Missing[0]));
    }

    [Theory]
    [InlineData("登录人力资源系统显示403 Forbidden,昨天还能进", "zh-CN", "403")]
    [InlineData("HR system page throws 'Error 500 Internal Server Error' when I choose annual leave", "en-US", "500")]
    public void An_http_status_is_kept_without_its_standard_reason_phrase(string text, string locale, string code)
    {
        Assert.Equal(code, Analyzer.Analyze(text, locale).Slots.ErrorCode);
    }

    [Theory]
    [InlineData("打印机打出来全是黑道道,换了几个文件都一样", "zh-CN", "Printer")]
    [InlineData("The printer on floor 3 prints blank pages", "en-US", "Printer")]
    [InlineData("座机拨外线一直是忙音,内线可以打通", "zh-CN", "Phone")]
    [InlineData("My desk phone gives a busy tone on every outside line", "en-US", "Phone")]
    public void A_one_function_devices_symptom_says_what_was_being_done(string text, string locale, string system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true), (analysis.Slots.System, analysis.Specific));
        Assert.DoesNotContain("action", analysis.Missing);
    }

    [Theory]
    [InlineData("Windows更新装不上 电脑提示错误代码0X80070643", "zh-CN", "0X80070643")]
    [InlineData("Windows Update fails with 0X80070643", "en-US", "0X80070643")]
    public void A_hex_code_with_a_capital_x_is_the_code_alone(string text, string locale, string code)
    {
        Assert.Equal(code, Analyzer.Analyze(text, locale).Slots.ErrorCode);
    }
}
