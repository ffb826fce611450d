namespace SupportBot.Tests.Describing;

/// <summary>The general rules of the tuning round on h1501–h1650 (bench/README.md, round h17t8), each in both languages.</summary>
public sealed partial class DescriptionAnalyzerTests
{
    [Theory]
    [InlineData("OA提交报销单的时候报错 E005。还有一个事,共享盘打开很慢", "zh-CN", "OA", "E005")]
    [InlineData("Two issues: 1) Excel crashes when I open the budget file, 2) the VPN drops with error 809 every hour", "en-US", "Excel", null)]
    public void Of_several_problems_in_one_message_the_first_is_described(string text, string locale, string system, string? code)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true, code), (analysis.Slots.System, analysis.Specific, analysis.Slots.ErrorCode));
    }

    [Fact]
    public void Numbered_steps_that_lead_to_one_problem_are_read_whole()
    {
        var analysis = Analyzer.Analyze("1. 打开OA 2. 点提交 3. 报错 E005", "zh-CN");

        Assert.Equal(("OA", "E005"), (analysis.Slots.System, analysis.Slots.ErrorCode));
    }

    [Theory]
    [InlineData("OA登录提示'密码错误',然后去重置密码又提示 HTTP 503", "zh-CN", "密码错误")]
    [InlineData("Zoom says 'Unable to connect' when I join, error code 5003", "en-US", "5003")]
    public void The_first_of_two_errors_met_doing_two_things_is_the_problems(string text, string locale, string code)
    {
        Assert.Equal(code, Analyzer.Analyze(text, locale).Slots.ErrorCode);
    }

    [Theory]
    [InlineData("Teams status stuck on 'Away' all day even while I'm typing", "en-US")]
    [InlineData("VPN显示'已连接',但是内网网站都打不开", "zh-CN")]
    public void A_quoted_status_is_no_error_code(string text, string locale)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Null(analysis.Slots.ErrorCode);
        Assert.True(analysis.Specific);
    }

    [Theory]
    [InlineData("用友保存凭证时报错:'凭证号重复',可是凭证号是自动生成的", "zh-CN", "凭证号重复")]
    [InlineData("Photoshop crashes with 'FATAL ERROR: out of memory' when I export", "en-US", "FATAL ERROR: out of memory")]
    public void A_quoted_message_after_an_error_cue_ends_at_its_closing_quote(string text, string locale, string message)
    {
        Assert.Equal(message, Analyzer.Analyze(text, locale).Slots.ErrorCode);
    }

    [Theory]
    [InlineData("我电脑连不上打印机了,提示'打印机脱机'", "zh-CN", "Printer")]
    [InlineData("My laptop can't print to the printer on 3F", "en-US", "Printer")]
    [InlineData("In CRM the customer account page shows the wrong phone number after I save", "en-US", "CRM")]
    [InlineData("CRM里客户账户的地址保存以后显示错误的", "zh-CN", "CRM")]
    public void The_system_is_the_device_reached_and_a_customers_account_is_a_record(string text, string locale, string system)
    {
        Assert.Equal(system, Analyzer.Analyze(text, locale).Slots.System);
    }

    [Theory]
    [InlineData("笔记本一插投影仪就死机", "zh-CN")]
    [InlineData("My laptop blue screens when I plug in the monitor", "en-US")]
    public void A_crash_on_reaching_a_device_is_still_the_computers(string text, string locale)
    {
        Assert.Equal("Computer", Analyzer.Analyze(text, locale).Slots.System);
    }

    [Theory]
    [InlineData("无线网在3楼会议室老是掉线", "zh-CN", true)]
    [InlineData("The wifi on the 2nd floor keeps dropping", "en-US", true)]
    [InlineData("the wifi keeps dropping", "en-US", false)]
    [InlineData("wifi老是掉线", "zh-CN", false)]
    public void A_network_fault_with_its_place_asks_no_action(string text, string locale, bool specific)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal(("Wi-Fi", specific), (analysis.Slots.System, analysis.Specific));
    }

    [Theory]
    [InlineData("收件箱从早上开始就没收到新邮件", "zh-CN", "Email")]
    [InlineData("Every email I send in Outlook sits in the Outbox", "en-US", "Email")]
    [InlineData("The desk phone keeps cutting off after one ring", "en-US", "Phone")]
    [InlineData("Adobe Acrobat is asking for a license again", "en-US", "Adobe Acrobat")]
    [InlineData("投影仪接上笔记本以后显示无信号", "zh-CN", "Monitor")]
    [InlineData("人事系统请假的时候选不了年假", "zh-CN", "HR")]
    [InlineData("打印机显示正在打印但是纸出不来", "zh-CN", "Printer")]
    [InlineData("收银台的扫码枪扫不出条码", "zh-CN", "扫码枪")]
    [InlineData("门禁卡刷不开3楼的门", "zh-CN", "门禁卡")]
    [InlineData("Please create a shared mailbox for the audit team", "en-US", "Email")]
    public void Phrase_families_of_this_round_make_a_report_specific(string text, string locale, string system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true), (analysis.Slots.System, analysis.Specific));
    }

    [Theory]
    [InlineData("Every email I send in Outlook sits in the Outbox", "When sending in email, it sits in the Outbox.")]
    [InlineData("Teams status stuck on 'Away' all day even while I'm typing", "When typing in Teams, it is stuck on 'Away'.")]
    public void Mail_in_the_outbox_and_a_status_stuck_read_as_a_sentence(string text, string description)
    {
        Assert.Equal(description, Analyzer.Analyze(text, "en-US").Description);
    }

    [Theory]
    [InlineData("Excel的SUMIF出来全是#VALUE!", "zh-CN", "#VALUE!")]
    [InlineData("VLOOKUP returns #N/A for every row in Excel", "en-US", "#N/A")]
    [InlineData("AutoCAD一打开就报错 c0000005h", "zh-CN", "c0000005h")]
    public void Spreadsheet_error_values_and_hex_codes_with_their_suffix_are_error_codes(string text, string locale, string code)
    {
        Assert.Equal(code, Analyzer.Analyze(text, locale).Slots.ErrorCode);
    }

    [Theory]
    [InlineData("打因机打出来的字特别淡", "Printer")]
    [InlineData("投影议的画面是倒过来的", "Monitor")]
    [InlineData("油箱里的附件下不下来", "Email")]
    [InlineData("电脑装软件的时候要输管理员密码", "Computer")]
    public void Input_method_slips_and_the_local_admin_password_name_their_system(string text, string system)
    {
        Assert.Equal(system, Analyzer.Analyze(text, "zh-CN").Slots.System);
    }

    [Theory]
    [InlineData("I'm getting a 500 on the HR portal when I open my payslip", "en-US", "500")]
    [InlineData("OA审批的时候弹出来 E017 然后就卡住了", "zh-CN", "E017")]
    public void A_status_after_getting_a_and_a_code_that_pops_up_are_error_codes(string text, string locale, string code)
    {
        Assert.Equal(code, Analyzer.Analyze(text, locale).Slots.ErrorCode);
    }

    [Theory]
    [InlineData(@"can't open \\fs02\hr from my laptop, error 0x80070035", "en-US")]
    [InlineData(@"电脑上打不开 \\fs02\财务 这个共享", "zh-CN")]
    public void A_UNC_path_opened_from_a_computer_is_the_file_share(string text, string locale)
    {
        Assert.Equal("File share", Analyzer.Analyze(text, locale).Slots.System);
    }

    [Theory]
    [InlineData("考勤系统显示我上周五缺勤,可是我那天打卡了", "zh-CN")]
    [InlineData("The HR system shows absent for Monday although I clocked in at 9", "en-US")]
    public void An_attendance_record_showing_absent_is_a_symptom_of_clocking_in(string text, string locale)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal(("HR", true), (analysis.Slots.System, analysis.Specific));
    }

    [Fact]
    public void Asking_for_a_fact_the_desk_holds_is_a_request()
    {
        var analysis = Analyzer.Analyze("公司无线网的访客密码是多少?", "zh-CN");

        Assert.Equal(("Wi-Fi", true), (analysis.Slots.System, analysis.Specific));
    }

    [Theory]
    [InlineData("你好,新电脑装好了,网络也没问题,就是有个事:OA里提交报销单的时候一直转圈", "zh-CN", "OA")]
    [InlineData("Thanks for fixing my laptop yesterday, works great. Now something else: my desk phone has no dial tone", "en-US", "Phone")]
    [InlineData("电脑和网络都不太行,今天一天都这样", "zh-CN", "Computer")]
    [InlineData("The laptop and the VPN are both really slow today", "en-US", "Computer")]
    public void The_report_starts_where_the_reporter_turns_to_it_and_two_systems_named_together_are_the_first(string text, string locale, string system)
    {
        Assert.Equal(system, Analyzer.Analyze(text, locale).Slots.System);
    }
}
