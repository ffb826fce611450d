using SupportBot.Describing;

namespace SupportBot.Tests.Describing;

public sealed partial class DescriptionAnalyzerTests
{
    private static readonly DescriptionAnalyzer Analyzer = DescriptionAnalyzer.CreateDefault();

    [Fact]
    public void The_seed_example_is_already_specific_and_composes_back_to_itself()
    {
        var analysis = Analyzer.Analyze("登录OA系统时,'审批'按钮无响应,错误代码为E005", "zh-CN");

        Assert.True(analysis.Specific);
        Assert.Empty(analysis.Missing);
        Assert.Null(analysis.Question);
        Assert.Equal("登录OA系统时,'审批'按钮无响应,错误代码为E005", analysis.Description);
        Assert.Equal(("OA", "'审批'按钮", "无响应", "E005"), (analysis.Slots.System, analysis.Slots.Element, analysis.Slots.Symptom, analysis.Slots.ErrorCode));
    }

    [Fact]
    public void A_vague_report_is_completed_one_question_at_a_time_in_the_reporters_language()
    {
        var answers = new DescriptionAnswers();
        var first = Analyzer.Analyze("系统不好用", "zh-CN", answers);
        Assert.False(first.Specific);
        Assert.Equal(["system", "action", "symptom", "errorCode"], first.Missing);
        Assert.Contains("哪个系统", first.Question, StringComparison.Ordinal);
        Assert.Contains("OA系统", first.Question, StringComparison.Ordinal);
        Assert.Null(first.Description);

        var second = Analyzer.Analyze("系统不好用", "zh-CN", answers = answers with { System = "oa" });
        Assert.Equal("OA", second.Slots.System);
        Assert.Equal("action", second.Missing[0]);
        Assert.Contains("OA系统", second.Question, StringComparison.Ordinal);
        Assert.Contains("提交审批", second.Question, StringComparison.Ordinal);

        var third = Analyzer.Analyze("系统不好用", "zh-CN", answers = answers with { Action = "提交请假审批" });
        Assert.Equal("symptom", third.Missing[0]);
        Assert.Contains("现象", third.Question, StringComparison.Ordinal);

        var fourth = Analyzer.Analyze("系统不好用", "zh-CN", answers = answers with { Symptom = "点提交没反应" });
        Assert.True(fourth.Specific);
        Assert.Equal(["errorCode"], fourth.Missing);
        Assert.Contains("错误代码", fourth.Question, StringComparison.Ordinal);

        var done = Analyzer.Analyze("系统不好用", "zh-CN", answers with { ErrorCode = "没有" });
        Assert.Empty(done.Missing);
        Assert.Null(done.Question);
        Assert.Equal("在OA系统中提交请假审批时,点提交没反应,无错误代码", done.Description);
    }

    [Fact]
    public void English_reports_get_English_questions_with_examples_from_the_named_system()
    {
        var analysis = Analyzer.Analyze("HR system broken", "en-US");

        Assert.Equal(["action", "symptom", "errorCode"], analysis.Missing);
        Assert.Equal("What were you doing in the HR system when it happened? For example: requesting leave, checking attendance, viewing a payslip.", analysis.Question);
    }

    [Theory]
    [InlineData("不知道")]
    [InlineData("don't know")]
    public void Not_knowing_the_system_is_an_answer_and_is_not_asked_again(string answer)
    {
        var analysis = Analyzer.Analyze("点提交没反应", "zh-CN", new DescriptionAnswers { System = answer });

        Assert.DoesNotContain("system", analysis.Missing);
        Assert.Null(analysis.Slots.System);
    }

    [Theory]
    [InlineData("不好用")]
    [InlineData("it doesn't work")]
    [InlineData("不知道")]
    public void A_vague_or_empty_answer_leaves_the_symptom_missing(string answer)
    {
        var analysis = Analyzer.Analyze("CRM出问题了", "zh-CN", new DescriptionAnswers { Action = "保存客户", Symptom = answer });

        Assert.Equal("symptom", analysis.Missing[0]);
        Assert.False(analysis.Specific);
    }

    [Theory]
    [InlineData("none", "no error code shown")]
    [InlineData("No.", "no error code shown")]
    [InlineData("not sure", "error code not noted")]
    [InlineData("error code: E005", "error code E005")]
    [InlineData("'Session expired'", "error message “Session expired”")]
    public void The_error_code_answer_is_understood(string answer, string expected)
    {
        var analysis = Analyzer.Analyze("OA: when approving, the Approve button does not respond", "en-US", new DescriptionAnswers { ErrorCode = answer });

        Assert.Empty(analysis.Missing);
        Assert.Contains(expected, analysis.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("导出报表报错 E005", "E005")]
    [InlineData("安装补丁失败 0x80070005", "0x80070005")]
    [InlineData("网关返回 http 504", "HTTP 504")]
    [InlineData("ERP报 ORA-12541", "ORA-12541")]
    [InlineData("退信 550-5.7.1", "550 5.7.1")]
    [InlineData("VPN connect fails with error F5 702", "F5 702")]
    [InlineData("安装失败,错误代码1603", "1603")]
    [InlineData("保存时提示「数据格式错误」", "数据格式错误")]
    [InlineData("saving fails: 'Unknown error'", "Unknown error")]
    [InlineData("Teams sign-in fails with AADSTS50126", "AADSTS50126")]
    [InlineData("导出时报 Run-time error '91',换了电脑也一样", "Run-time error '91'")]
    [InlineData("the Word macro stops with Compile error: Sub or Function not defined", "Compile error: Sub or Function not defined")]
    [InlineData("Edge shows NET::ERR_CONNECTION_TIMED_OUT on the intranet", "NET::ERR_CONNECTION_TIMED_OUT")]
    [InlineData("复印机面板显示错误 13.20.00,卡住不动", "13.20.00")]
    [InlineData("the plotter shows E000123-0001 and stops", "E000123-0001")]
    [InlineData("checkout fails with 'Card declined (code 51)'", "51")]
    [InlineData("upload stops with 'Something went wrong. ErrorId: 77120-553'", "77120-553")]
    [InlineData("posting fails with 'Period not open for company code 2000'", "Period not open for company code 2000")]
    public void Error_codes_and_quoted_messages_are_read(string text, string expected)
    {
        Assert.Equal(expected, Analyzer.Analyze(text, "zh-CN").Slots.ErrorCode);
    }

    [Theory]
    [InlineData("ERP生成报表要等20分钟")]
    [InlineData("3楼打印机卡纸")]
    [InlineData("使用系统V2.1版本时很慢")]
    [InlineData("上次的工单 TS-20261123-001 还没处理")]
    [InlineData("printer on floor 3 is jammed, 2 people affected")]
    public void Numbers_that_are_not_errors_are_not_taken_for_codes(string text)
    {
        Assert.Null(Analyzer.Analyze(text, "zh-CN").Slots.ErrorCode);
    }

    [Theory]
    [InlineData("The Atlas portal shows a blank page when I log in", "Atlas portal")]
    [InlineData("报修平台提交工单时没反应", "报修平台")]
    [InlineData("Salesforse won't load", "CRM")]
    [InlineData("I can't open the T: drive since this morning", "File share")]
    [InlineData("hello, your booking page shows an empty list", "booking page")]
    [InlineData("门店的POS机刷卡没反应", "POS机")]
    [InlineData("无限网连不上了", "Wi-Fi")]
    [InlineData("财务室的打印机卡纸了", "Printer")]
    [InlineData("Outlook is fine but Teams won't start", "Teams")]
    public void Systems_outside_the_catalogue_and_misspelt_ones_are_recognised(string text, string system)
    {
        Assert.Equal(system, Analyzer.Analyze(text, "en-US").Slots.System);
    }

    [Fact]
    public void Frequency_scope_since_and_version_are_kept_and_appended_to_the_description()
    {
        var analysis = Analyzer.Analyze("ERP V3.2 每次导出月结报表都失败,只有我们部门这样,从昨天开始", "zh-CN");

        Assert.Equal(("每次", "只有我们部门这样", "从昨天开始", "3.2"), (analysis.Slots.Frequency, analysis.Slots.Scope, analysis.Slots.Since, analysis.Slots.Version));
        Assert.Contains("从昨天开始", analysis.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Markup_in_the_text_is_read_as_words_and_never_carried_into_the_description()
    {
        var analysis = Analyzer.Analyze("<b>CRM</b> 打不开 <script>alert(1)</script>", "zh-CN");

        Assert.Equal("CRM", analysis.Slots.System);
        Assert.True(analysis.Specific);
        Assert.DoesNotContain("<", analysis.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("😭😭😭")]
    [InlineData("????")]
    [InlineData("   ")]
    public void Text_with_no_words_asks_for_everything(string text)
    {
        var analysis = Analyzer.Analyze(text, "en-US");

        Assert.Equal(["system", "action", "symptom", "errorCode"], analysis.Missing);
    }

    [Fact]
    public void Full_width_characters_read_like_their_ascii_forms()
    {
        var analysis = Analyzer.Analyze("ＯＡ系统,点击“同意”按钮后页面报错:ＥＲＲ-２０４", "zh-CN");

        Assert.Equal(("OA", "ERR-204"), (analysis.Slots.System, analysis.Slots.ErrorCode));
    }

    [Theory]
    [InlineData("厂区考勤机一直打不上卡", "zh-CN", "HR")]
    [InlineData("When I plug my headset into the laptop the other side hears an echo", "en-US", "Phone")]
    public void A_symptom_that_says_what_was_being_done_makes_the_report_specific(string text, string locale, string system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true), (analysis.Slots.System, analysis.Specific));
    }

    [Fact]
    public void A_person_driving_is_no_network_drive()
    {
        Assert.Null(Analyzer.Analyze("I drive to the warehouse on Mondays and it keeps crashing there", "en-US").Slots.System);
    }
}
