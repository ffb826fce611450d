using SupportBot.Describing;
using SupportBot.Localization;

namespace SupportBot.Tests.Describing;

/// <summary>
/// How the analyzer combines the rule's "specific" with the learned model's (<see cref="SpecificModel"/>): the model
/// may promote a report the rule finds vague, never past a missing system or an error that awaits what the reporter
/// was doing, and never demotes one the rule finds specific. Models that always say one thing isolate the combination from the fitted weights.
/// </summary>
public sealed class SpecificDecisionTests
{
    private static readonly SpecificModel AlwaysSpecific = new(bias: 10, new Dictionary<string, double>());
    private static readonly SpecificModel AlwaysVague = new(bias: -10, new Dictionary<string, double>());

    private static DescriptionAnalyzer With(SpecificModel model)
    {
        var localizer = new Localizer();
        return new DescriptionAnalyzer(
            DescriptionLexicon.Default,
            new DescriptionComposer(localizer, DescriptionLexicon.Default),
            new DescriptionQuestions(localizer, SystemsCatalogue.Default),
            model);
    }

    [Theory]
    [InlineData("Outlook is acting weird", "en")]
    [InlineData("OA系统不太好用", "zh-CN")]
    public void A_report_the_rule_finds_vague_and_the_model_specific_is_specific_and_asks_nothing_required(string text, string locale)
    {
        var rule = DescriptionAnalyzer.CreateDefault().Analyze(text, locale);
        Assert.False(rule.Specific);
        Assert.NotNull(rule.Slots.System);

        var analysis = With(AlwaysSpecific).Analyze(text, locale);

        Assert.True(analysis.Specific);
        Assert.DoesNotContain(DescriptionSlot.Action, analysis.Missing);
        Assert.DoesNotContain(DescriptionSlot.Symptom, analysis.Missing);
        Assert.False(string.IsNullOrEmpty(analysis.Description));
    }

    [Theory]
    [InlineData("it doesn't work at all", "en", "which")]
    [InlineData("系统不好用", "zh-CN", "哪个系统")]
    public void A_missing_system_is_always_asked_whatever_the_model_says(string text, string locale, string asks)
    {
        var analysis = With(AlwaysSpecific).Analyze(text, locale);

        Assert.False(analysis.Specific);
        Assert.Equal(DescriptionSlot.System, analysis.Missing[0]);
        Assert.Contains(asks, analysis.Question, StringComparison.OrdinalIgnoreCase);
        Assert.Null(analysis.Description);
    }

    [Theory]
    [InlineData("Got a BSOD - IRQL_NOT_LESS_OR_EQUAL", "en-US")]
    [InlineData("账号提示已锁定", "zh-CN")]
    public void An_error_the_rule_ties_to_what_was_being_done_still_asks_it_whatever_the_model_says(string text, string locale)
    {
        var analysis = With(AlwaysSpecific).Analyze(text, locale);

        Assert.False(analysis.Specific);
        Assert.Equal(DescriptionSlot.Action, analysis.Missing[0]);
    }

    [Theory]
    [InlineData("Outlook crashes every time I open an attachment", "en")]
    [InlineData("登录OA系统时,'审批'按钮无响应,错误代码为E005", "zh-CN")]
    public void A_report_the_rule_finds_specific_stays_specific_when_the_model_says_vague(string text, string locale)
    {
        var analysis = With(AlwaysVague).Analyze(text, locale);

        var rule = DescriptionAnalyzer.CreateDefault().Analyze(text, locale);

        Assert.True(analysis.Specific);
        Assert.Equal((rule.Specific, string.Join(",", rule.Missing), rule.Question, rule.Description),
            (analysis.Specific, string.Join(",", analysis.Missing), analysis.Question, analysis.Description));
    }
}
