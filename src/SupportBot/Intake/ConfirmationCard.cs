using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.BotFramework.Schema;
using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Common;

namespace SupportBot.Intake;

/// <summary>What a click on the confirmation card sends back: edit one field, submit, or cancel this form.</summary>
internal sealed record IntakeCardAction(string Intake, string Form, string? Field = null)
{
    public const string Edit = "edit";
    public const string Submit = "submit";
    public const string Cancel = "cancel";

    public static IntakeCardAction? From(JsonElement? value)
    {
        // Every field is checked for its type before it is read: a client may send anything ({"intake":5}).
        if (value is not { ValueKind: JsonValueKind.Object } data
            || !data.TryGetProperty("intake", out var intake) || intake.ValueKind != JsonValueKind.String
            || !data.TryGetProperty("form", out var form) || form.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var field = data.TryGetProperty("field", out var named) && named.ValueKind == JsonValueKind.String ? named.GetString() : null;
        return new IntakeCardAction(intake.GetString()!, form.GetString()!, field);
    }
}

/// <summary>
/// The Adaptive Card that shows every field before filing, with Edit per field and Submit. Reporter text is
/// escaped (<see cref="ReporterText"/>): a description cannot put a link or markup on the card.
/// </summary>
internal sealed class ConfirmationCard(Localizer localizer, IntakeChoices choices, IntakeFlow flow, Describing.SystemsCatalogue catalogue)
{
    public Activity Render(IntakeForm form, string reporterName)
    {
        ArgumentNullException.ThrowIfNull(form);
        var locale = form.Locale;
        var priority = IntakeFlow.PriorityOf(form);
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = L(locale, "intake.card.heading"), ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
        };

        foreach (var (field, label, value) in Rows(form, reporterName, priority))
        {
            body.Add(Row(form, field, label, value));
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
            ["actions"] = new JsonArray
            {
                Submit(L(locale, "intake.card.submit"), new IntakeCardAction(IntakeCardAction.Submit, form.Id), style: "positive"),
                Submit(L(locale, "intake.card.cancel"), new IntakeCardAction(IntakeCardAction.Cancel, form.Id), style: null),
            },
        };

        return new Activity
        {
            Type = ActivityTypes.Message,
            Attachments = [new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = JsonSerializer.SerializeToElement(card) }],
        };
    }

    private IEnumerable<(IntakeField? Field, string Label, string Value)> Rows(IntakeForm form, string reporterName, AssessedPriority priority)
    {
        var locale = form.Locale;
        var none = L(locale, "intake.card.none");
        yield return (IntakeField.Title, L(locale, "intake.card.title"), Escaped(form.Title, none));
        yield return (IntakeField.Description, L(locale, "intake.card.description"), Escaped(form.Description, none));
        yield return (null, L(locale, "intake.card.original"), Escaped(form.ReporterWords, none));
        yield return (IntakeField.OccurredAt, L(locale, "intake.card.occurredAt"), form.OccurredAt is { } at ? OccurrenceText.Of(localizer, at, form.OccurredAtNote, flow.ZoneOf(form), locale, "format.dateTimeFull") : L(locale, "intake.card.unknown"));
        yield return (IntakeField.System, L(locale, "intake.card.system"), Escaped(string.Join(" ", new[] { SystemName(form.System, locale), form.Version }.Where(part => !string.IsNullOrEmpty(part))), L(locale, "intake.card.unknown")));
        yield return (IntakeField.Category, L(locale, "intake.card.category"), choices.CategoryName(locale, form.FiledCategory ?? "other"));
        yield return (IntakeField.Priority, L(locale, "intake.card.priority"), $"{L(locale, $"priority.{priority.Priority}")} ({L(locale, priority.ReasonKey)})");
        yield return (IntakeField.Environment, L(locale, "intake.card.environment"), Escaped(form.Environment, none));
        yield return (IntakeField.AlreadyTried, L(locale, "intake.card.alreadyTried"), Escaped(form.AlreadyTried, none));
        yield return (IntakeField.ExpectedBy, L(locale, "intake.card.expectedBy"), form.ExpectedBy is { } by ? When(by, locale, flow.ZoneOf(form)) : none);
        yield return (null, L(locale, "intake.card.attachments"), form.Attachments.Count == 0 ? none : Escaped(string.Join(", ", form.Attachments.Select(a => a.Name)), none));
        yield return (null, L(locale, "intake.card.reporter"), Escaped(Reporter(form, reporterName), none));
        if (form.OnBehalf is { } caller)
        {
            // Filed for a caller: the engineer checks how it came in and whom to call in a hurry before submitting.
            yield return (IntakeField.CameBy, L(locale, "onBehalf.card.cameBy"), caller.CameBy is { } way ? L(locale, $"onBehalf.cameBy.{way}") : none);
            yield return (IntakeField.EmergencyContact, L(locale, "onBehalf.card.emergencyContact"), Escaped(caller.EmergencyContact, none));
        }
    }

    /// <summary>The system as the reporter's language names it (「电子邮件」, not "Email"); one we do not know, as they wrote it.</summary>
    private string? SystemName(string? system, string locale) =>
        system is null || Localizer.Normalize(locale) != Localizer.Chinese ? system : catalogue.Find(system)?.DisplayName(locale) ?? system;

    private static string Reporter(IntakeForm form, string name)
    {
        var profile = form.Profile;
        var details = form.ReporterKind == ReporterKind.Employee
            ? new[] { name, profile.EmployeeId, profile.Department, profile.Extension }
            : [profile.CustomerName ?? name, profile.CustomerNumber, profile.Phone];
        return string.Join(" · ", details.Where(part => !string.IsNullOrEmpty(part)));
    }

    private JsonObject Row(IntakeForm form, IntakeField? field, string label, string value)
    {
        var text = new JsonObject
        {
            ["type"] = "Column",
            ["width"] = "stretch",
            ["items"] = new JsonArray
            {
                new JsonObject { ["type"] = "TextBlock", ["text"] = label, ["weight"] = "Bolder", ["isSubtle"] = true, ["spacing"] = "None" },
                new JsonObject { ["type"] = "TextBlock", ["text"] = value, ["wrap"] = true, ["spacing"] = "None" },
            },
        };
        var columns = new JsonArray { text };
        if (field is { } editable)
        {
            columns.Add(new JsonObject
            {
                ["type"] = "Column",
                ["width"] = "auto",
                ["verticalContentAlignment"] = "Center",
                ["items"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["type"] = "ActionSet",
                        ["actions"] = new JsonArray { Submit(L(form.Locale, "intake.card.edit"), new IntakeCardAction(IntakeCardAction.Edit, form.Id, editable.ToString()), style: null) },
                    },
                },
            });
        }

        return new JsonObject { ["type"] = "ColumnSet", ["columns"] = columns, ["spacing"] = "Small" };
    }

    internal static JsonObject Submit(string title, IntakeCardAction data, string? style)
    {
        var action = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = title,
            ["data"] = new JsonObject { ["intake"] = data.Intake, ["form"] = data.Form, ["field"] = data.Field },
        };
        if (style is not null)
        {
            action["style"] = style;
        }

        return action;
    }

    private string When(DateTimeOffset at, string locale, TimeZoneInfo zone) => localizer.Time(at, zone, locale, "format.dateTimeFull");

    private static string Escaped(string? text, string whenEmpty) => string.IsNullOrEmpty(text) ? whenEmpty : ReporterText.Escape(text);

    private string L(string locale, string key) => localizer.Get(locale, key);
}
