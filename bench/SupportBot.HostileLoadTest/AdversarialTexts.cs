namespace SupportBot.HostileLoadTest;

/// <summary>
/// 4,000-character texts shaped against the description engine's scanners and the time parser: long runs of one
/// character class (what makes a backtracking pattern retry at every position), separators repeated between
/// cues, unclosed quotes and tags; and one ordinary description of the same length as the yardstick.
/// </summary>
internal static class AdversarialTexts
{
    public const int Length = 4000;

    public static string Ordinary { get; } = Fill(
        "When I open the OA portal and click the Approve button on a leave request, nothing happens for about 30 seconds, " +
        "then it shows error E005. 昨天下午3点开始,登录OA系统时点击'审批'按钮无响应,错误代码为E005。It happens every time since the update. ");

    public static IReadOnlyList<(string Name, string Text)> All { get; } =
    [
        ("A x 4000", new string('A', Length)),
        ("ERR- x 1000", Fill("ERR-")),
        ("'A ' x 2000", Fill("A ")),
        ("'Atlas ' x 666", Fill("Atlas ")),
        ("a x 4000", new string('a', Length)),
        ("1 x 4000", new string('1', Length)),
        ("'1 ' x 2000", Fill("1 ")),
        ("一 x 4000", new string('一', Length)),
        ("HTTP + spaces", "HTTP" + new string(' ', Length - 4)),
        ("等 + spaces", "等" + new string(' ', Length - 1)),
        ("版本 + spaces", "版本" + new string(' ', Length - 2)),
        ("error + spaces", "error" + new string(' ', Length - 5)),
        ("'<a' x 2000", Fill("<a")),
        ("'\"' x 4000", new string('"', Length)),
        ("「 x 4000", new string('「', Length)),
        ("'error: ' x 500", Fill("error: ")),
        ("'on the ' x 500", Fill("on the ")),
        ("'since ' x 666", Fill("since ")),
        ("'0x' x 2000", Fill("0x")),
        ("'v1.' x 1333", Fill("v1.")),
        ("'E0' x 2000", Fill("E0")),
        ("'550 ' x 1000", Fill("550 ")),
        ("'takes 1 ' x 500", Fill("takes 1 ")),
        ("'昨天' x 2000", Fill("昨天")),
        ("'3点' x 2000", Fill("3点")),
        ("'2 hours ' x 500", Fill("2 hours ")),
        ("'a-' x 2000", Fill("a-")),
        ("'会议' x 2000", Fill("会议")),
        ("'系统' x 2000", Fill("系统")),
        ("mixed punctuation", Fill("[](){}<>*_`#|~!:/\\")),
    ];

    private static string Fill(string unit)
    {
        var builder = new System.Text.StringBuilder(Length + unit.Length);
        while (builder.Length < Length)
        {
            builder.Append(unit);
        }

        return builder.ToString(0, Length);
    }
}
