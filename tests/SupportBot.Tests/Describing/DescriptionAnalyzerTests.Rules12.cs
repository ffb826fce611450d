using SupportBot.Describing;

namespace SupportBot.Tests.Describing;

/// <summary>
/// The three conventions of 2026-12-03 (sixth session) and the general rules of round h17t12 (bench/README.md): a
/// device's physical fault, any stated span, equipment and account requests, planned-change and fact questions,
/// messages that go on past a space.
/// </summary>
public sealed partial class DescriptionAnalyzerTests
{
    // A device's physical fault needs no "what were you doing": the action is simply using it.
    [Theory]
    [InlineData("电脑很烫 风扇一直狂转", "zh-CN", "Computer")]
    [InlineData("laptop 很烫 and the fan never stops", "zh-CN", "Computer")]
    [InlineData("Laptop fan is super loud", "en-US", "Computer")]
    [InlineData("my laptop is making a weird clicking noise", "en-US", "Computer")]
    [InlineData("my external monitor flickers", "en-US", "Monitor")]
    [InlineData("显示器上有一条竖线", "zh-CN", "Monitor")]
    [InlineData("笔记本电池鼓包了 后盖都顶起来了", "zh-CN", "Computer")]
    [InlineData("ThinkPad 键盘有几个键失灵了", "zh-CN", "Computer")]
    [InlineData("接了扩展坞之后显示器一直闪", "zh-CN", "Monitor")]
    public void A_devices_physical_fault_asks_no_action(string text, string locale, string system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true), (analysis.Slots.System, analysis.Specific));
        Assert.DoesNotContain("action", analysis.Missing);
        Assert.False(string.IsNullOrWhiteSpace(analysis.Description));
    }

    // A software symptom on a device still asks what was running; so does the same symptom in an application.
    [Theory]
    [InlineData("电脑很卡", "zh-CN")]
    [InlineData("My laptop is really slow", "en-US")]
    [InlineData("电脑老是自己重启", "zh-CN")]
    [InlineData("Excel一直闪退", "zh-CN")]
    public void A_software_symptom_on_a_device_still_asks_what_was_running(string text, string locale)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Contains("action", analysis.Missing);
    }

    // A flicker in an application is no device's physical fault: the rule asks what was running (the learned decision
    // may still promote it, as it may any report the rule calls vague with its system named).
    [Fact]
    public void A_flicker_in_an_application_is_no_physical_fault()
    {
        Assert.True(DescriptionTextReader.Read("Teams video flickers", DescriptionLexicon.Default).Missing(DescriptionSlot.Action));
    }

    // A period is any stated span: since a time, all day, over the last weeks, 「从早上开始」, 「这两天」.
    [Theory]
    [InlineData("network has been slow since lunch", "en-US")]
    [InlineData("企业微信 desktop has been super laggy all day", "en-US")]
    [InlineData("outlook not syncing since this morning", "en-US")]
    [InlineData("Over the last two weeks our internet connection keeps dropping", "en-US")]
    [InlineData("网速太慢了 从早上开始就这样", "zh-CN")]
    [InlineData("今天早上开始 无线一直断断续续的", "zh-CN")]
    [InlineData("远程接入这两天时断时续的", "zh-CN")]
    public void A_fault_with_a_stated_span_asks_no_action(string text, string locale)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.True(analysis.Specific);
        Assert.DoesNotContain("action", analysis.Missing);
    }

    // A day or a time alone, or "lately", states no span: the action is still asked.
    [Theory]
    [InlineData("Teams今天特别卡", "zh-CN")]
    [InlineData("Workday is painfully slow today", "en-US")]
    [InlineData("那个审批系统最近一直很慢", "zh-CN")]
    public void A_day_alone_is_no_span(string text, string locale)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.False(analysis.Specific);
        Assert.Contains("action", analysis.Missing);
    }

    // Equipment or an account asked for by what it is names its task, a reason given beside it or not.
    [Theory]
    [InlineData("申请一个显示器", "zh-CN", "Monitor")]
    [InlineData("我要申请一个新的VPN账号", "zh-CN", "VPN")]
    [InlineData("Can I get a loaner laptop for next week's trade show?", "en-US", "Computer")]
    [InlineData("I'd like a new laptop please, mine is 6 years old and the hinge is cracked", "en-US", "Computer")]
    [InlineData("mailbox is full, can you increase my quota?", "en-US", "Email")]
    [InlineData("能帮我把邮箱容量从2G扩到10G吗?经常要收大附件", "zh-CN", "Email")]
    public void An_equipment_or_account_request_names_its_task(string text, string locale, string system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true), (analysis.Slots.System, analysis.Specific));
        Assert.Empty(analysis.Missing);
        Assert.Equal(text, analysis.Description);
    }

    // A replacement that names nothing is the fault's; asking for "something" names nothing either.
    [Theory]
    [InlineData("打印机又坏了!!!能不能换个新的", "zh-CN")]
    [InlineData("我想申请个东西", "zh-CN")]
    public void A_request_that_names_nothing_still_asks(string text, string locale)
    {
        Assert.False(Analyzer.Analyze(text, locale).Specific);
    }

    // A question about a planned change, or for a fact the desk holds, asks nothing back.
    [Theory]
    [InlineData("我想问问下周公司网络割接是几点开始", "zh-CN")]
    [InlineData("When does next week's network cutover start?", "en-US")]
    [InlineData("访客wifi密码多少啊", "zh-CN")]
    [InlineData("What's the guest wifi password?", "en-US")]
    public void A_question_about_a_planned_change_or_a_fact_names_its_task(string text, string locale)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.True(analysis.Specific);
        Assert.Empty(analysis.Missing);
    }

    // "Is Teams upgrading?" asks whether something is wrong; a how-to that names no task asks everything.
    [Theory]
    [InlineData("Teams是不是在升级?", "zh-CN")]
    [InlineData("怎么弄啊", "zh-CN")]
    [InlineData("how do i do this??", "en-US")]
    [InlineData("how do I fix this??", "en-US")]
    public void A_question_that_names_no_task_is_vague(string text, string locale)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.False(analysis.Specific);
        Assert.Contains("symptom", analysis.Missing);
    }

    // A message's own second sentence (what cannot be done, what to do) is part of it; the reporter's words are not.
    [Theory]
    [InlineData("点了结账按钮以后系统弹出 期间未结账 无法操作 的提示", "期间未结账 无法操作")]
    [InlineData("下单付款的时候 页面一直提示 支付渠道异常 请稍后重试 换了浏览器也一样", "支付渠道异常 请稍后重试")]
    [InlineData("提示 会话已过期 请重新登录", "会话已过期 请重新登录")]
    [InlineData("导出的时候提示 数据格式错误 请帮忙看看", "数据格式错误")]
    public void A_message_goes_on_past_a_space_into_its_own_second_sentence(string text, string error)
    {
        Assert.Equal(error, Analyzer.Analyze(text, "zh-CN").Slots.ErrorCode);
    }

    // A session that ends by itself, said as "has to log in again".
    [Theory]
    [InlineData("OA老是自己退出 得重新登", "zh-CN", "OA")]
    [InlineData("CRM每次用一会就要重新登录", "zh-CN", "CRM")]
    public void Having_to_sign_in_again_is_a_session_that_ends(string text, string locale, string system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true), (analysis.Slots.System, analysis.Specific));
    }

    // A progress state with what the screen adds in brackets is still a state, not an error code.
    [Theory]
    [InlineData("Excel is stuck on 'Calculating (4 threads)' for ages whenever I refresh the pivot", "en-US")]
    [InlineData("导出一直显示「正在导出（第3页）」", "zh-CN")]
    public void A_progress_state_with_brackets_is_no_error_code(string text, string locale)
    {
        Assert.Null(Analyzer.Analyze(text, locale).Slots.ErrorCode);
    }
}
