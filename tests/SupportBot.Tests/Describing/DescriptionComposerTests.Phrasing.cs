using SupportBot.Describing;

namespace SupportBot.Tests.Describing;

/// <summary>
/// The composed description reads as one sentence a person would write, in the reporter's language: the whole sentence
/// is asserted, because each of these once read oddly in a way no single "contains" would catch.
/// </summary>
public sealed class DescriptionComposerTests
{
    private static readonly DescriptionAnalyzer Analyzer = DescriptionAnalyzer.CreateDefault();

    // "Outlook crashes …" once composed "When opening attachments in email, …": the catalogue's display name replaced the
    // product the reporter named, and 「金蝶」 became 「ERP系统」. The engineer needs the product, the reporter their word;
    // a system the reporter's clause already names ("wifi") is not named again ("On the Wi-Fi, I can't connect to wifi").
    [Theory]
    [InlineData("Outlook crashes when opening attachments", "en-US", "When opening attachments in Outlook, it crashes.")]
    [InlineData("Salesforce is very slow when I open a report", "en-US", "When opening a report in Salesforce, it is very slow.")]
    [InlineData("Outlook打开附件的时候崩溃", "zh-CN", "Outlook打开附件的时候崩溃")]
    [InlineData("金蝶过账的时候提示'凭证号重复'", "zh-CN", "金蝶过账的时候提示'凭证号重复'")]
    [InlineData("Can't connect to wifi on my new laptop", "en-US", "I can't connect to wifi.")]
    [InlineData("连不上wifi,提示密码错误", "zh-CN", "连不上wifi,提示“密码错误”")]
    public void A_product_is_named_as_the_reporter_named_it(string text, string locale, string expected) =>
        Assert.Equal(expected, Compose(text, locale));

    // A thing seen or heard needs its article and a verb: once "it is blank page", "it keeps grinding noise".
    [Theory]
    [InlineData("The CRM shows a blank page after login", "en-US", "During login in CRM, it shows a blank page.")]
    [InlineData("The printer makes a grinding noise during printing", "en-US", "When printing on the printer, there is a grinding noise.")]
    [InlineData("Excel shows a spinning circle when I open the budget file", "en-US", "When opening the budget file in Excel, it shows a spinning circle.")]
    [InlineData("CRM登录后显示空白页面", "zh-CN", "CRM系统登录后显示空白页面")]
    public void A_symptom_that_is_a_thing_seen_or_heard_reads_with_its_article(string text, string locale, string expected) =>
        Assert.Equal(expected, Compose(text, locale));

    // The reporter is the one who keeps getting an error: once "it keeps getting 'Access denied'" and "i get HTTP 504".
    [Theory]
    [InlineData("Getting 'Session expired' every time I save in OA", "en-US", "When saving in OA, I keep getting 'Session expired' (every time).")]
    [InlineData("When I export the report in ERP I get HTTP 500", "en-US", "When exporting the report in ERP, I get HTTP 500.")]
    [InlineData("打开共享盘一直提示'拒绝访问'", "zh-CN", "打开共享盘一直提示'拒绝访问'")]
    public void The_reporter_stays_the_subject_of_what_they_keep_getting(string text, string locale, string expected) =>
        Assert.Equal(expected, Compose(text, locale));

    // "logging in" runs into "in Teams": once "When logging in in Teams".
    [Theory]
    [InlineData("Teams crashes when I log in", "en-US", "When logging in to Teams, it crashes.")]
    [InlineData("AnyConnect keeps saying 'Login failed' when I log in", "en-US", "When logging in to AnyConnect, it keeps saying 'Login failed'.")]
    [InlineData("Teams登录的时候崩溃", "zh-CN", "Teams登录的时候崩溃")]
    public void Logging_in_does_not_repeat_its_preposition(string text, string locale, string expected) =>
        Assert.Equal(expected, Compose(text, locale));

    // A phrase cut one word short ended the sentence on a dash: "The expense system won't submit -.", 「提交不了 -」.
    [Theory]
    [InlineData("Expense claim won't submit - nothing happens", "en-US", "The expense system won't submit.")]
    [InlineData("报销单提交不了 -", "zh-CN", "报销系统提交不了")]
    public void A_sentence_does_not_end_on_a_stray_dash(string text, string locale, string expected) =>
        Assert.Equal(expected, Compose(text, locale));

    // A quoted message that ends its own sentence takes no second full stop after the quote.
    [Theory]
    [InlineData("Concur says 'Receipt rejected.' when I upload a receipt", "en-US", "When uploading a receipt in Concur, it says 'Receipt rejected.'")]
    [InlineData("Workday登录提示'密码已过期。'", "zh-CN", "Workday登录提示'密码已过期。'")]
    public void A_quoted_sentence_takes_no_second_full_stop(string text, string locale, string expected) =>
        Assert.Equal(expected, Compose(text, locale));

    // Mixed input: Chinese runs words together, Latin words do not (once 「ExcelCan't find project」).
    [Theory]
    [InlineData("SAP GUI Can't connect,提示连接超时", "zh-CN", "SAP GUI Can't connect,提示“连接超时”")]
    [InlineData("Outlook 收不到邮件", "en-US", "Outlook: 收不到邮件.")]
    public void Latin_words_keep_their_space_in_mixed_input(string text, string locale, string expected) =>
        Assert.Equal(expected, Compose(text, locale));

    // A bare lock-out once read "The account locked."; a wrong value shown once "The HR system: as zero." and 「HR系统不对」:
    // the value the reporter names is in no slot, so their own words are the description.
    [Theory]
    [InlineData("account locked??", "en-US", "The account is locked.")]
    [InlineData("Account locked out. again.", "en-US", "The account is locked out.")]
    [InlineData("账号被锁了", "zh-CN", "账号被锁")]
    [InlineData("HR portal shows my leave balance as zero", "en-US", "HR portal shows my leave balance as zero")]
    [InlineData("考勤记录不对 昨天明明打了卡 系统显示缺卡", "zh-CN", "考勤记录不对 昨天明明打了卡 系统显示缺卡")]
    public void A_lock_out_and_a_wrong_value_read_as_said(string text, string locale, string expected) =>
        Assert.Equal(expected, Compose(text, locale));

    private static string? Compose(string text, string locale) => Analyzer.Analyze(text, locale).Description;
}
