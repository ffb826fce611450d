using System.Text.RegularExpressions;
using SupportBot.Tickets;

namespace SupportBot.Intake;

/// <summary>
/// Answers to the reporter-details questions, read whole: a person gives their details in one go and in their own
/// order ("E1234, Finance, ext 5678", 「工号E1234，财务部，分机5678」, "Finance 8021 A10023"), or some of them. Every
/// detail the answer holds is taken, whichever was asked; a labelled number ("分机 8021", "order no. WX-771203") is
/// that detail; a code with letters is the employee ID or the customer number; words are the department or the
/// name and company; a bare number is the first of the asked numbers it can be. "No", "don't know" and the like are
/// not a name.
/// </summary>
internal static partial class DetailsAnswer
{
    [GeneratedRegex(@"^[A-Za-z0-9-]{2,20}$")]
    private static partial Regex EmployeeId();

    [GeneratedRegex(@"^[A-Za-z0-9-]{3,30}$")]
    private static partial Regex CustomerNumber();

    [GeneratedRegex(@"^[+0-9][0-9 ()+-]{2,24}$")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"(?<![a-z])(?:(?:employee\s*(?:id|no\.?|number|#)|staff\s*(?:id|no\.?|number)|emp\.?\s*id|id)(?![a-z])|工号|员工编号|员工号)\s{0,3}(?:is\s+)?[:：#]?\s{0,3}(?:是|为)?\s{0,3}(?<v>[a-z0-9][a-z0-9-]{1,19})(?![a-z0-9-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IdLabel();

    [GeneratedRegex(@"(?:(?:customer|order)(?:\s*(?:no\.?|number|id|#))?(?![a-z])|订单号?|客户编号|客户号)\s{0,3}(?:is\s+)?[:：#]?\s{0,3}(?:是|为)?\s{0,3}(?<v>[a-z0-9][a-z0-9-]{2,29})(?![a-z0-9-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberLabel();

    [GeneratedRegex(@"(?:(?:ext|extension|tel|phone|mobile|cell)(?![a-z])\.?(?:\s*(?:no\.?|number))?|分机号?|座机|电话|手机号?)\s{0,3}(?:is\s+)?[:：#]?\s{0,3}(?:是|为)?\s{0,3}(?<v>\+?\d(?:[\d()-]|\s(?=\d)){1,23})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhoneLabel();

    [GeneratedRegex(@"(?:(?:department|dept)(?![a-z])\.?\s{0,3}(?:is\s+)?[:：]?|部门\s{0,3}[:：]?\s{0,3}(?:是|为)?)\s{0,3}(?<v>[^,，;；、\d\n]*[^,，;；、\d\s])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DepartmentLabel();

    // A code (letters with digits, or digits), a run of Latin words, or a run of Chinese.
    [GeneratedRegex(@"(?<code>[A-Za-z]{0,8}-?\d[A-Za-z0-9-]*)|(?<word>[A-Za-z][A-Za-z&.'-]*(?:\s+[A-Za-z][A-Za-z&.'-]*)*)|(?<word>[\p{IsCJKUnifiedIdeographs}]+)")]
    private static partial Regex Token();

    [GeneratedRegex(@"^(?:(?:i'?m|i\s+am|i\s+work|we\s+are|in|from|at|my|our|the|and|department|dept|我是|我在|我们是|在|来自|属于)\s*)+|(?:\s*(?:的|工作|上班))+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Filler();

    /// <summary>
    /// The form with every detail in the answer taken, or null when the answer holds none of the details still missing
    /// (nor <paramref name="field"/>, the one asked); <paramref name="isOtherAnswer"/> spots "no", "don't know", "skip".
    /// </summary>
    public static IntakeForm? Read(IntakeForm form, IntakeField field, string text, Func<string, bool> isOtherAnswer)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = form.ReporterKind == ReporterKind.Employee ? ReporterProfile.EmployeeFields : ReporterProfile.CustomerFields;
        var asked = fields.Where(each => each == field || form.Profile[each] is null).ToHashSet();
        var found = form.ReporterKind == ReporterKind.Employee ? Employee(text, asked, isOtherAnswer) : Customer(text, asked, isOtherAnswer);
        return found.Keys.Any(asked.Contains)
            ? form with { Profile = found.Aggregate(form.Profile, (profile, detail) => profile.With(detail.Key, detail.Value)) }
            : null;
    }

    private static Dictionary<IntakeField, string> Employee(string text, HashSet<IntakeField> asked, Func<string, bool> isOtherAnswer)
    {
        var found = new Dictionary<IntakeField, string>();
        text = Take(text, IdLabel(), value => Keep(found, IntakeField.EmployeeId, value, EmployeeId().IsMatch(value)));
        text = Take(text, PhoneLabel(), value => Keep(found, IntakeField.Extension, value, PhoneNumber().IsMatch(value)));
        text = Take(text, DepartmentLabel(), value => Keep(found, IntakeField.Department, Clean(value), IsName(Clean(value), isOtherAnswer)));
        var (codes, numbers, names) = Parts(text, isOtherAnswer);
        Keep(found, IntakeField.EmployeeId, codes.FirstOrDefault(), codes.Count > 0 && EmployeeId().IsMatch(codes[0]));
        Numbers(found, numbers, [IntakeField.EmployeeId, IntakeField.Extension], asked, value => value.Length <= 20 && EmployeeId().IsMatch(value));
        Keep(found, IntakeField.Department, Joined(names), names.Count > 0 && Joined(names).Length <= 100);
        return found;
    }

    private static Dictionary<IntakeField, string> Customer(string text, HashSet<IntakeField> asked, Func<string, bool> isOtherAnswer)
    {
        var found = new Dictionary<IntakeField, string>();
        text = Take(text, NumberLabel(), value => Keep(found, IntakeField.CustomerNumber, value, CustomerNumber().IsMatch(value)));
        text = Take(text, PhoneLabel(), value => Keep(found, IntakeField.Phone, value, PhoneNumber().IsMatch(value)));
        text = Take(text, StatedFacts.Phone(), value => Keep(found, IntakeField.Phone, value, true));
        var (codes, numbers, names) = Parts(text, isOtherAnswer);
        Keep(found, IntakeField.CustomerNumber, codes.FirstOrDefault(), codes.Count > 0 && CustomerNumber().IsMatch(codes[0]));

        // A long bare number is a phone (a landline without its country code); a short one an order or customer number.
        var phones = numbers.Where(number => number.Length >= 7 && !found.ContainsKey(IntakeField.Phone)).Take(1).ToList();
        Keep(found, IntakeField.Phone, phones.FirstOrDefault(), phones.Count > 0);
        Numbers(found, [.. numbers.Except(phones)], [IntakeField.CustomerNumber, IntakeField.Phone], asked, value => CustomerNumber().IsMatch(value));
        Keep(found, IntakeField.CustomerName, Joined(names), names.Count > 0 && Joined(names).Length <= 100);
        return found;
    }

    /// <summary>Bare numbers, in the order given, to the numeric details not yet found (the asked ones first).</summary>
    private static void Numbers(Dictionary<IntakeField, string> found, List<string> numbers, IntakeField[] order, HashSet<IntakeField> asked, Func<string, bool> fitsFirst)
    {
        var open = order.Where(each => !found.ContainsKey(each)).ToList();
        if (numbers.Count < open.Count)
        {
            // Fewer numbers than places: an unasked place is not guessed ("8021" to "your extension?" is the extension).
            open = [.. open.Where(asked.Contains)];
        }

        foreach (var (number, place) in numbers.Zip(open))
        {
            Keep(found, place, number, place == order[0] ? fitsFirst(number) : PhoneNumber().IsMatch(number));
        }
    }

    /// <summary>What is left of the answer once the labelled details are out: codes with letters, bare numbers, and names.</summary>
    private static (List<string> Codes, List<string> Numbers, List<string> Names) Parts(string text, Func<string, bool> isOtherAnswer)
    {
        var (codes, numbers, names) = (new List<string>(), new List<string>(), new List<string>());
        foreach (var part in text.Split([',', '，', ';', '；', '、', '/', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (Match token in Token().Matches(part))
            {
                if (token.Groups["code"].Success)
                {
                    (token.Value.Any(char.IsAsciiLetter) ? codes : numbers).Add(token.Value.Trim('-'));
                }
                else if (Clean(token.Value) is var name && IsName(name, isOtherAnswer))
                {
                    names.Add(name);
                }
            }
        }

        return (codes, numbers, names);
    }

    /// <summary>Takes every match of <paramref name="label"/> out of the text (a comma in its place) and hands its value on.</summary>
    private static string Take(string text, Regex label, Action<string> keep) =>
        label.Replace(text, match =>
        {
            keep(match.Groups["v"].Success ? match.Groups["v"].Value.Trim() : match.Value.Trim());
            return ",";
        });

    private static void Keep(Dictionary<IntakeField, string> found, IntakeField field, string? value, bool valid)
    {
        if (valid && value is { Length: > 0 })
        {
            found.TryAdd(field, value);
        }
    }

    /// <summary>"Li Na, Contoso"; 「李娜,康托索公司」 as the Chinese strings write it.</summary>
    private static string Joined(List<string> names) => string.Join(names.Any(name => name.Any(c => c > '\u2E80')) ? "," : ", ", names);

    private static string Clean(string words) => Filler().Replace(words.Trim(), "").Trim();

    /// <summary>A name, company or department: words, not an answer to another question ("no", 「有」) or a number.</summary>
    private static bool IsName(string text, Func<string, bool> isOtherAnswer) =>
        text.Length <= 100 && text.Count(char.IsLetter) >= 2 && !isOtherAnswer(text);
}
