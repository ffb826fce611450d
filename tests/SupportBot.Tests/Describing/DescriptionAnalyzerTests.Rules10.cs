namespace SupportBot.Tests.Describing;

/// <summary>The general rules of round h17t10 (bench/README.md): what says "when" without a verb of the lexicon, in both languages.</summary>
public sealed partial class DescriptionAnalyzerTests
{
    // A fault that keeps to a period, or began with a named change, says when it happens: no action is asked.
    [Theory]
    [InlineData("My PC keeps restarting by itself, roughly every 20 minutes", "en-US", "Computer")]
    [InlineData("Slack logs me out every few minutes", "en-US", "Slack")]
    [InlineData("电脑蓝屏了,代码是 0x0000007E,一天两三次", "zh-CN", "Computer")]
    [InlineData("考勤机每天早上都提示'指纹无法识别'", "zh-CN", "HR")]
    [InlineData("Outlook rules stopped working after the mailbox migration", "en-US", "Email")]
    [InlineData("OA升级以后审批页面一直白屏", "zh-CN", "OA")]
    public void A_fault_with_its_period_or_the_change_it_followed_asks_no_action(string text, string locale, string system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true), (analysis.Slots.System, analysis.Specific));
        Assert.DoesNotContain("action", analysis.Missing);
    }

    // A recurrence with no period, a day alone (no span: the convention of 2026-12-03), and a display (its source is asked) still ask.
    [Theory]
    [InlineData("the wifi keeps dropping", "en-US")]
    [InlineData("电脑隔三差五就蓝屏一次", "zh-CN")]
    [InlineData("ERP is super laggy today", "en-US")]
    [InlineData("my external monitor goes black every few minutes", "en-US")]
    [InlineData("显示器每隔几分钟就黑屏", "zh-CN")]
    public void A_recurrence_without_a_period_or_a_display_still_asks_what_was_being_done(string text, string locale)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.False(analysis.Specific);
        Assert.Contains("action", analysis.Missing);
    }

    // The moment marked by grammar alone is the action, whether or not the lexicon knows its verb.
    [Theory]
    [InlineData("GitLab returns HTTP 502 when pushing to the monorepo", "en-US", "pushing to the monorepo")]
    [InlineData("BSOD every time I undock the laptop: DRIVER_POWER_STATE_FAILURE", "en-US", "I undock the laptop")]
    [InlineData("CRM里把商机转给同事的时候报 Insufficient privileges", "zh-CN", "把商机转给同事")]
    [InlineData("OA里点「同意」没反应", "zh-CN", "点「同意」")]
    [InlineData("Nothing happens in Workday after clicking 'Submit'", "en-US", "clicking 'Submit'")]
    [InlineData("一点Outlook里的日历就闪退", "zh-CN", "点Outlook里的日历")]
    public void The_moment_a_reporter_marks_is_the_action_whatever_its_verb(string text, string locale, string action)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((action, true), (analysis.Slots.Action, analysis.Specific));
    }

    // "when someone has a sec", "when u can", "for a while": when help may come, or a stretch of time, is no moment.
    [Theory]
    [InlineData("scanner on 2F needs a look when someone has a sec", "en-US")]
    [InlineData("Outlook has been weird for a while now and honestly I'm not sure", "en-US")]
    [InlineData("pls call me back when u can", "en-US")]
    public void When_help_may_come_is_no_moment(string text, string locale)
    {
        Assert.Null(Analyzer.Analyze(text, locale).Slots.Action);
    }

    // A quoted state the system stays in is the symptom, though no error cue stands right before it.
    [Theory]
    [InlineData("Teams shows me as 'Away' the whole time", "en-US", "Teams")]
    [InlineData("Teams meeting recording has shown 'Processing' for two days", "en-US", "Teams")]
    [InlineData("报销单状态一直是「审批中」,已经两周了", "zh-CN", "Expense")]
    [InlineData("OA的流程还是「处理中」,三天了", "zh-CN", "OA")]
    public void A_quoted_state_the_system_stays_in_is_the_symptom(string text, string locale, string system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true, (string?)null), (analysis.Slots.System, analysis.Specific, analysis.Slots.ErrorCode));
    }
}
