using System.Text.RegularExpressions;
using SupportBot.Tickets;

namespace SupportBot.Intake;

/// <summary>
/// Answers to the reporter-details questions. Every details question takes all the details in one line, and a label
/// typed before a number ("分机 8021", "order no. WX-771203") is not part of it; a name or department is words, not
/// "no" or a phone number.
/// </summary>
internal static partial class DetailsAnswer
{
    [GeneratedRegex(@"^[A-Za-z0-9-]{2,20}$")]
    private static partial Regex EmployeeId();

    [GeneratedRegex(@"^[A-Za-z0-9-]{3,30}$")]
    private static partial Regex CustomerNumber();

    [GeneratedRegex(@"^[+0-9][0-9 ()+-]{2,24}$")]
    private static partial Regex PhoneNumber();

    /// <summary>The form with the answer taken, or null when it does not fit; <paramref name="isOtherAnswer"/> spots "no", "don't know", "skip".</summary>
    public static IntakeForm? Read(IntakeForm form, IntakeField field, string text, Func<string, bool> isOtherAnswer) => field switch
    {
        _ when AllDetails(form, text) is { } all => all,
        IntakeField.EmployeeId => Profile(form, field, Unlabelled(text), EmployeeId().IsMatch(Unlabelled(text))),
        IntakeField.CustomerName or IntakeField.Department => Profile(form, field, text, IsName(text, isOtherAnswer)),
        IntakeField.Extension or IntakeField.Phone => Profile(form, field, Unlabelled(text), PhoneNumber().IsMatch(Unlabelled(text))),
        IntakeField.CustomerNumber => Profile(form, field, Unlabelled(text), CustomerNumber().IsMatch(Unlabelled(text))),
        _ => null,
    };

    /// <summary>
    /// Every detail in one line, as the first details question invites: "A10023, Finance, 8021" or "Li Na, Contoso,
    /// C-20931, +86 21 5555 0100" (the name and company may hold commas of their own). Null when it is not all there.
    /// </summary>
    private static IntakeForm? AllDetails(IntakeForm form, string text)
    {
        var parts = text.Split([',', '，', ';', '；', '、'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1 && form.ReporterKind == ReporterKind.Employee)
        {
            // "A10024 IT 8022": three words, no commas.
            parts = text.Split(' ', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        }

        if (form.ReporterKind == ReporterKind.Employee)
        {
            return parts is [var id, var department, var extension] && EmployeeId().IsMatch(id) && department.Length <= 100 && PhoneNumber().IsMatch(extension)
                ? form with { Profile = form.Profile with { EmployeeId = id, Department = department, Extension = extension } }
                : null;
        }

        return parts is [.. { Length: > 0 } names, var number, var phone] && CustomerNumber().IsMatch(number) && PhoneNumber().IsMatch(phone) && DescriptionIntake.HasWords(string.Concat(names))
            && text.LastIndexOf(number, StringComparison.Ordinal) is var end and > 0 && text[..end].TrimEnd(' ', ',', '，', ';', '；', '、') is { Length: > 0 and <= 100 } name
            ? form with { Profile = form.Profile with { CustomerName = name, CustomerNumber = number, Phone = phone } }
            : null;
    }

    /// <summary>A name, company or department: words, not an answer to another question ("no", 「有」) or a number.</summary>
    private static bool IsName(string text, Func<string, bool> isOtherAnswer) =>
        text.Length <= 100 && text.Count(char.IsLetter) >= 2 && !isOtherAnswer(text);

    /// <summary>"分机 8021", "ext. 8021", "order no. WX-771203", 「订单号WX-771203」 → the number alone.</summary>
    private static string Unlabelled(string text) => NumberLabel().Replace(text.Trim(), "");

    [GeneratedRegex(@"^(?:(?:my\s+)?(?:ext\.?|extension|phone|mobile|tel\.?|order(?:\s+(?:no\.?|number|#))?|customer(?:\s+(?:no\.?|number|id))?|employee\s+(?:id|no\.?)|id|no\.?|number|#)|分机号?|电话|手机号?|座机|订单号?|客户编号|客户号|工号|编号)\s{0,3}(?:is\s+)?[:：#]?\s{0,3}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberLabel();

    private static IntakeForm? Profile(IntakeForm form, IntakeField field, string text, bool valid) =>
        valid ? form with { Profile = form.Profile.With(field, text) } : null;
}
