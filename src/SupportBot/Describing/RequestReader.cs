using System.Text.RegularExpressions;

namespace SupportBot.Describing;

/// <summary>
/// A how-to question or a request that names its task ("How do I set up an out-of-office reply in Outlook on the
/// web?", 「请问怎么在OA里设置审批代理人?」, "can u reset my password", 「麻烦帮忙开通一下共享盘的权限」). Nothing has
/// failed, so "what were you doing when it happened?" and "what happened?" have no answer (product.md: the parts are
/// named "where they apply"): with the system named, a support engineer can start work on the reporter's own words.
/// A question about a fault (怎么回事, 怎么又, 怎么被…) is no such request, and a text that states a symptom or an
/// error is read as a fault whatever else it asks, unless it asks for equipment or an account (below).
/// </summary>
internal static partial class RequestReader
{
    // Markers of a question about how to do something; the task follows them.
    // 「密码是多少」 asks for a fact the desk holds, as a how-to question asks for steps.
    private static readonly string[] HowTo = ["how do i ", "how do we ", "how can i ", "how to ", "is there a way to ", "怎么", "如何", "怎样", "是多少"];

    // 怎么 also asks what went wrong or complains (怎么回事, 怎么又, 怎么还没, 怎么被转走了); those are faults, not tasks.
    private static readonly string[] NotATask = ["回事", "了", "办", "又", "还", "这么", "那么", "也", "都", "老", "总", "一直", "突然", "没", "不", "会", "被", "就", "能"];

    // Requests that name their task in the asking: a password reset, access to be granted, something to be opened.
    private static readonly string[] Asks =
    [
        "reset my password", "reset the password", "unlock my account", "give me access", "grant access", "need access to", "get access", " access for ",
        "重置密码", "重置一下密码", "开通", "申请权限", "加一下权限", "帮我重置", "帮忙重置", "reset 一下",
        // An install asked for by what is to be installed (「帮忙装一下 Visio」, "admin rights to install Python");
        // 「帮我装个软件」 names nothing and stays vague.
        "帮忙装一下", "帮我装一下", "帮忙安装", "帮我安装", "rights to install",
        // A forgotten password asks for its reset as plainly as "reset my password" does.
        "forgot my password", "forgotten my password", "forgot the password", "忘记密码", "密码忘了", "忘了密码", "密码忘记了",
        "can you install ", "could you install ", "please install ", "pls install ",
        "please create", "please set up", "set up a ", "create a new", "set up a new", "新建一个", "帮忙建一个", "帮我建一个", "帮忙创建", "帮我创建",
    ];

    // Equipment or an account asked for by what it is (the convention of 2026-12-03, sixth session): 「申请一台显示器」,
    // "I need a new mouse", "Can I get a loaner laptop", "can you increase my quota", 「邮箱容量扩大一点」. What is wanted is
    // the task, so a reason given beside it ("the hinge is cracked", "mailbox is full") is no fault to ask about. A
    // replacement asked for without naming it (「打印机又坏了 能不能换个新的」) is the fault's, and still asks what happened.
    private static readonly string[] AsksForEquipment =
    [
        "申请一", "申请个新", "要申请", "想申请", "申请新", "i need a new ", "i'd like a new ", "i would like a new ", "need a new ",
        "can i get a ", "could i get a ", "can i have a ", "could i have a ", "can i get access", "could i get access",
        "replacement laptop", "replacement phone", "loaner", "order toner", "order a new ", "need a mailbox", "need an account",
        "increase my quota", "increase the quota", "increase my mailbox", "more mailbox space", "扩大一点", "扩容", "容量扩", "扩到", "多开几个",
    ];

    /// <summary>The request's words, or null when the text asks for nothing or reports a fault.</summary>
    public static string? Read(TextScan scan, SymptomMention? symptom, ErrorText? error)
    {
        var lower = scan.Lower;
        if (AsksForEquipment.Any(ask => lower.Contains(ask, StringComparison.Ordinal)) && !lower.Contains("申请个东西", StringComparison.Ordinal))
        {
            return scan.Text.Trim();
        }

        if (symptom is not null || error is not null)
        {
            return null;
        }

        var asks = Asks.Any(ask => lower.Contains(ask, StringComparison.Ordinal)) || HowTo.Any(marker => AsksHowTo(lower, marker))
            || NeedsInstalled(lower) || AsksAboutAPlannedChange().IsMatch(lower) || AsksForAPassword().IsMatch(lower);
        return asks ? scan.Text.Trim() : null;
    }

    // A question about a planned change names what and when (「下周公司网络割接是几点开始」, "when does next week's network
    // cutover start?"): the desk answers it without asking anything back. "Is Teams upgrading?" asks whether there is a fault.
    [GeneratedRegex(@"(?:割接|停机|维护|升级|迁移|切换|cutover|maintenance|downtime|migration|upgrade)[^。!?！？\n]{0,20}?(?:几点|什么时候|哪天|何时|多久)|(?:几点|什么时候|哪天|何时)[^。!?！？\n]{0,20}?(?:割接|停机|维护|升级|迁移|切换)|(?<![a-z])(?:when|what time)\b[^.!?\n]{0,40}?(?:cutover|maintenance|downtime|migration|upgrade)", RegexOptions.CultureInvariant)]
    private static partial Regex AsksAboutAPlannedChange();

    // A question for a fact the desk holds, as 「访客要连无线,密码是多少?」 already was: 「访客wifi密码多少啊」, "What's the guest wifi password?".
    [GeneratedRegex(@"密码(?:是)?(?:多少|啥|什么)|(?<![a-z])what(?:'s| is)\s(?:the\s)?[a-z0-9 -]{0,30}password", RegexOptions.CultureInvariant)]
    private static partial Regex AsksForAPassword();

    /// <summary>"I need Photoshop installed", "need Visio installed on my PC": what is to be installed is named between.</summary>
    private static bool NeedsInstalled(string lower) =>
        lower.IndexOf("need ", StringComparison.Ordinal) is >= 0 and var need
        && lower.IndexOf(" installed", need, StringComparison.Ordinal) is var installed && installed > need + "need ".Length
        && installed - need <= 40 && !lower.AsSpan(need, installed - need).Contains("something", StringComparison.Ordinal);

    private static bool AsksHowTo(string lower, string marker)
    {
        for (var at = lower.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = lower.IndexOf(marker, at + 1, StringComparison.Ordinal))
        {
            var next = at + marker.Length;
            if (!NotATask.Any(word => string.CompareOrdinal(lower, next, word, 0, word.Length) == 0) && (at > MaxGreeting || NamesATask(lower[next..])))
            {
                return true;
            }
        }

        return false;
    }

    // What a how-to asks when it names no task: 「怎么弄啊」, "how do I fix this??", "how do i do this".
    private static readonly string[] NoTask = ["", "弄", "搞", "做", "整", "do this", "do that", "do it", "fix this", "fix that", "fix it", "solve this", "sort this", "sort this out", "sort it out"];

    // Only a how-to that is the whole message names nothing: "…plain text even tho I set HTML, how do I fix that" has
    // said what to fix before asking.
    private const int MaxGreeting = 6;

    /// <summary>A how-to names its task unless all that follows the marker is a verb of doing and a pronoun.</summary>
    private static bool NamesATask(string rest) =>
        !NoTask.Contains(rest.Trim().TrimEnd('?', '？', '!', '！', '.', '。', '啊', '呀', '呢', '吗', '嘛', ' '), StringComparer.Ordinal);
}
