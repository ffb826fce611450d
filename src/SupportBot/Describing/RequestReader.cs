namespace SupportBot.Describing;

/// <summary>
/// A how-to question or a request that names its task ("How do I set up an out-of-office reply in Outlook on the
/// web?", 「请问怎么在OA里设置审批代理人?」, "can u reset my password", 「麻烦帮忙开通一下共享盘的权限」). Nothing has
/// failed, so "what were you doing when it happened?" and "what happened?" have no answer (product.md: the parts are
/// named "where they apply"): with the system named, a support engineer can start work on the reporter's own words.
/// A question about a fault (怎么回事, 怎么又, 怎么被…) is no such request, and a text that states a symptom or an
/// error is read as a fault whatever else it asks.
/// </summary>
internal static class RequestReader
{
    // Markers of a question about how to do something; the task follows them.
    // 「密码是多少」 asks for a fact the desk holds, as a how-to question asks for steps.
    private static readonly string[] HowTo = ["how do i ", "how do we ", "how can i ", "how to ", "is there a way to ", "怎么", "如何", "怎样", "是多少"];

    // 怎么 also asks what went wrong or complains (怎么回事, 怎么又, 怎么还没, 怎么被转走了); those are faults, not tasks.
    private static readonly string[] NotATask = ["回事", "了", "办", "又", "还", "这么", "那么", "也", "都", "老", "总", "一直", "突然", "没", "不", "会", "被", "就", "能"];

    // Requests that name their task in the asking: a password reset, access to be granted, something to be opened.
    private static readonly string[] Asks =
    [
        "reset my password", "reset the password", "unlock my account", "give me access", "grant access", "need access to",
        "重置密码", "重置一下密码", "开通", "申请权限", "加一下权限", "帮我重置", "帮忙重置", "reset 一下",
        // An install asked for by what is to be installed (「帮忙装一下 Visio」, "admin rights to install Python");
        // 「帮我装个软件」 names nothing and stays vague.
        "帮忙装一下", "帮我装一下", "帮忙安装", "帮我安装", "rights to install",
        // A forgotten password asks for its reset as plainly as "reset my password" does.
        "forgot my password", "forgotten my password", "forgot the password", "忘记密码", "密码忘了", "忘了密码", "密码忘记了",
        "can you install ", "could you install ", "please install ", "pls install ",
        "please create", "please set up", "create a new", "set up a new", "新建一个", "帮忙建一个", "帮我建一个", "帮忙创建", "帮我创建",
    ];

    /// <summary>The request's words, or null when the text asks for nothing or reports a fault.</summary>
    public static string? Read(TextScan scan, SymptomMention? symptom, ErrorText? error)
    {
        if (symptom is not null || error is not null)
        {
            return null;
        }

        var lower = scan.Lower;
        var asks = Asks.Any(ask => lower.Contains(ask, StringComparison.Ordinal)) || HowTo.Any(marker => AsksHowTo(lower, marker)) || NeedsInstalled(lower);
        return asks ? scan.Text.Trim() : null;
    }

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
            if (!NotATask.Any(word => string.CompareOrdinal(lower, next, word, 0, word.Length) == 0))
            {
                return true;
            }
        }

        return false;
    }
}
