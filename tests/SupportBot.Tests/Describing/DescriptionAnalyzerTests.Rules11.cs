namespace SupportBot.Tests.Describing;

/// <summary>The general rules of round h17t11 (bench/README.md): a session the system ends, a formula's error value, messages set off by spaces.</summary>
public sealed partial class DescriptionAnalyzerTests
{
    // A session the named system ends by itself asks no action (the documented session convention).
    [Theory]
    [InlineData("SAP keeps kicking me out", "en-US", "SAP")]
    [InlineData("HR系统 keeps logging me out", "zh-CN", "HR")]
    [InlineData("Workday signs me out all the time", "en-US", "HR")]
    [InlineData("OA老是把我踢出去", "zh-CN", "OA")]
    public void A_session_the_system_ends_by_itself_asks_no_action(string text, string locale, string system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true), (analysis.Slots.System, analysis.Specific));
        Assert.DoesNotContain("action", analysis.Missing);
    }

    // Without a system the system is asked; a sign-out the reporter met once is a dropped connection and asks the action.
    [Theory]
    [InlineData("it keeps logging me out", "en-US", "system")]
    [InlineData("老是把我踢出去", "zh-CN", "system")]
    [InlineData("Is there a problem with Workday? I got kicked out twice this morning", "en-US", "action")]
    public void A_session_that_ends_still_asks_what_it_does_not_say(string text, string locale, string asked)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.False(analysis.Specific);
        Assert.Equal(asked, analysis.Missing[0]);
    }

    // A spreadsheet's error value is what a formula returned: the formula is what was being done.
    [Theory]
    [InlineData("Excel VLOOKUP returns #N/A for values I can clearly see are in the table", "en-US", "#N/A")]
    [InlineData("Excel 公式结果显示 #REF!", "zh-CN", "#REF!")]
    [InlineData("Excel的VLOOKUP出来全是#N/A,两边的编号明明一样", "zh-CN", "#N/A")]
    public void A_formula_error_value_asks_no_action(string text, string locale, string error)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal(("Excel", error, true), (analysis.Slots.System, analysis.Slots.ErrorCode, analysis.Specific));
    }

    // A Chinese message set off by spaces after 提示/报错 is the message, error words or not, and ends at the next space.
    [Theory]
    [InlineData("网盘同步失败 提示 同步冲突", "同步冲突")]
    [InlineData("用友U8 月末结账 提示 存在未记账凭证", "存在未记账凭证")]
    [InlineData("SAP登陆的时候提示 用户名或密码不正确 但是我密码没改过啊", "用户名或密码不正确")]
    [InlineData("报销系统 上传发票的时候 提示 文件大小超出限制 我的发票才200K", "文件大小超出限制")]
    [InlineData("U8导出应收报表的时候报 数据格式错误 其他月份都正常 就三月不行", "数据格式错误")]
    [InlineData("GlobalProtect 登录报错 Authentication failed 用的是域账号密码", "Authentication failed")]
    public void A_message_set_off_by_spaces_is_read_whole_and_no_further(string text, string error)
    {
        Assert.Equal(error, Analyzer.Analyze(text, "zh-CN").Slots.ErrorCode);
    }

    // 显示 also says what a screen displays; 报 in 报表 is no cue; a quoted state after a cue is no error at all.
    [Theory]
    [InlineData("PPT演示的时候 投影仪显示 不全", "zh-CN")]
    [InlineData("报表 数据不对", "zh-CN")]
    [InlineData("AnyConnect shows 'Connected' but I can't reach any internal sites", "en-US")]
    [InlineData("GlobalProtect shows 'Connected' but I can't reach any internal sites", "en-US")]
    public void A_display_a_word_with_bao_or_a_quoted_state_is_no_error(string text, string locale)
    {
        Assert.Null(Analyzer.Analyze(text, locale).Slots.ErrorCode);
    }

    // A stop code with one underscore counts after a cue; the computer's stop code still asks what was running.
    [Theory]
    [InlineData("Blue screen again, stop code MEMORY_MANAGEMENT", "en-US", "MEMORY_MANAGEMENT")]
    [InlineData("电脑又蓝屏了 蓝屏代码 KERNEL_SECURITY", "zh-CN", "KERNEL_SECURITY")]
    public void A_stop_code_with_one_underscore_is_read_after_a_cue(string text, string locale, string code)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal(("Computer", code, false), (analysis.Slots.System, analysis.Slots.ErrorCode, analysis.Specific));
        Assert.Contains("action", analysis.Missing);
    }

    [Fact]
    public void A_name_with_one_underscore_and_no_cue_is_no_error()
    {
        Assert.Null(Analyzer.Analyze("Excel crashes when I open SALES_Q3 from the share drive", "en-US").Slots.ErrorCode);
    }

    // 一 before a verb of the lexicon is 「一X就Y」 even where 一 and the verb's first character make a word (一共, 一下).
    [Theory]
    [InlineData("Teams 一共享屏幕就崩", "共享屏幕")]
    [InlineData("Teams一下载文件就闪退", "下载文件")]
    public void As_soon_as_before_a_verb_is_read_even_where_yi_makes_a_word(string text, string action)
    {
        var analysis = Analyzer.Analyze(text, "zh-CN");

        Assert.Equal(("Teams", action, true), (analysis.Slots.System, analysis.Slots.Action, analysis.Specific));
    }

    // A network that is down at a named place is the network-at-a-place rule; "on our side" is no place and asks.
    [Theory]
    [InlineData("The internet is down on the whole 5th floor", "en-US", true)]
    [InlineData("Internet is down on the warehouse side of the 4th floor", "en-US", true)]
    [InlineData("网络 is down on our side", "zh-CN", false)]
    public void A_network_down_at_a_place_says_where_to_go(string text, string locale, bool specific)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal(("Network", specific), (analysis.Slots.System, analysis.Specific));
        Assert.Equal("is down", analysis.Slots.Symptom);
    }

    // A forgotten password asks for its reset; an install asked for by what is to be installed names its task.
    [Theory]
    [InlineData("I forgot my password", "en-US", "Account")]
    [InlineData("我忘记密码了", "zh-CN", "Account")]
    [InlineData("I need Photoshop installed for the new campaign work", "en-US", "Photoshop")]
    public void A_forgotten_password_or_a_named_install_is_a_request(string text, string locale, string system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true), (analysis.Slots.System, analysis.Specific));
        Assert.Empty(analysis.Missing);
    }

    [Fact]
    public void Something_to_install_names_no_task()
    {
        Assert.False(Analyzer.Analyze("I need something installed", "en-US").Specific);
    }

    // A one-function device that is dead or crackles has said what is wrong with it; a laptop that is dead asks.
    [Theory]
    [InlineData("desk phone is dead", "The desk phone is dead.")]
    [InlineData("headset is crackling really bad", "The headset is crackling.")]
    public void A_dead_or_crackling_phone_says_what_is_wrong(string text, string description)
    {
        var analysis = Analyzer.Analyze(text, "en-US");

        Assert.Equal(("Phone", true, description), (analysis.Slots.System, analysis.Specific, analysis.Description));
    }

    // A message set off by spaces is quoted in the composed description, as the seeds quote one.
    [Theory]
    [InlineData("报销系统 上传发票的时候 提示 文件大小超出限制 我的发票才200K", "在报销系统中上传发票时,提示“文件大小超出限制”")]
    [InlineData("U8导出应收报表的时候报 数据格式错误 其他月份都正常 就三月不行", "在ERP系统中导出应收时,报“数据格式错误”")]
    public void A_message_set_off_by_spaces_is_quoted_in_the_description(string text, string description)
    {
        Assert.Equal(description, Analyzer.Analyze(text, "zh-CN").Description);
    }

    // Printing with no system named is the printer's; an application named with it keeps its own.
    [Theory]
    [InlineData("I can't print anything, the jobs just disappear from the queue", "en-US", "Printer", true)]
    [InlineData("彩色打印出来发红 颜色不对", "zh-CN", "Printer", true)]
    [InlineData("我在打印合同", "zh-CN", "Printer", false)]
    [InlineData("Can't print from Excel, the job just disappears", "en-US", "Excel", true)]
    public void Printing_names_the_printer_when_nothing_else_is_named(string text, string locale, string system, bool specific)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, specific), (analysis.Slots.System, analysis.Specific));
    }

    // 「查不到」 and 「搜不到」 say the reporter was looking something up: the search is the action.
    [Fact]
    public void Not_found_in_Chinese_implies_the_search()
    {
        var analysis = Analyzer.Analyze("人事系统 查不到我的年假余额", "zh-CN");

        Assert.Equal(("HR", "查询我的年假余额", true), (analysis.Slots.System, analysis.Slots.Action, analysis.Specific));
    }

    // A Chinese state set off by the clause's end is shown as a quoted one is; a state word inside a longer clause is not.
    [Theory]
    [InlineData("Teams的状态一直显示离开 但我人就在电脑前", true)]
    [InlineData("Teams状态一直是忙碌,可我没在开会", true)]
    public void An_unquoted_chinese_state_the_system_stays_in_is_the_symptom(string text, bool specific)
    {
        var analysis = Analyzer.Analyze(text, "zh-CN");

        Assert.Equal(("Teams", specific), (analysis.Slots.System, analysis.Specific));
        Assert.DoesNotContain("action", analysis.Missing);
    }

    // The password a prompt asks for names no system: which application asks is still asked.
    [Theory]
    [InlineData("Keeps asking for my password", "en-US", null)]
    [InlineData("老是弹出输入密码的框", "zh-CN", null)]
    [InlineData("Outlook keeps asking for my password over and over", "en-US", "Email")]
    public void The_password_a_prompt_asks_for_names_no_system(string text, string locale, string? system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, system is not null), (analysis.Slots.System, analysis.Specific));
    }

    // What a session's end costs (signing in again) is no action; an amount in digits stays with its symptom, unit and all.
    [Theory]
    [InlineData("OA老是把我踢出去,五分钟就得重新登录一次", "zh-CN", null, "把我踢出去")]
    [InlineData("Outlook发出去的calendar邀请,对方收到的时间差了8个小时", "zh-CN", null, "差了8个小时")]
    public void What_follows_a_symptom_is_read_with_it(string text, string locale, string? action, string symptom)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((action, symptom), (analysis.Slots.Action, analysis.Slots.Symptom));
    }
}
