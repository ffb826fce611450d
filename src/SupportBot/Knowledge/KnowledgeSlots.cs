using System.Text.RegularExpressions;
using SupportBot.Describing;
using SupportBot.Localization;
using SupportBot.Tickets;

namespace SupportBot.Knowledge;

/// <summary>
/// The description slots that rank knowledge beyond words: the system (its catalogue name, so "OA" and "办公系统"
/// agree), the error code (normalised, so "e1024" and "E1024" agree) and the symptom the reporter saw.
/// </summary>
internal sealed record SearchSlots(string? System, string? ErrorCode, string? Symptom)
{
    public static SearchSlots None { get; } = new(null, null, null);
}

/// <summary>Reads <see cref="SearchSlots"/> from a query or an article with the intake's own description analyser.</summary>
internal sealed partial class KnowledgeSlots(DescriptionAnalyzer analyzer, SystemsCatalogue catalogue) : IProblemReader
{
    /// <summary>The slots a ticket keeps from filing on (the same reading the review would do), in the description's language.</summary>
    public ProblemSlots Read(string specific, string? statedSystem)
    {
        var read = Of(specific, Localizer.LanguageOf(specific), statedSystem);
        return new ProblemSlots { System = read.System, ErrorCode = read.ErrorCode, Symptom = read.Symptom };
    }

    public SearchSlots Of(string text, string locale, string? statedSystem = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (read, entry) = analyzer.ReadSlots(text, locale);
        var system = statedSystem is { Length: > 0 } stated ? Canonical(stated, locale) : entry?.Name ?? read.System;
        return new SearchSlots(Normalize(system), Code(read.ErrorCode), read.Symptom);
    }

    /// <summary>The catalogue's name for a system a person or an import named, whatever alias they used.</summary>
    private string Canonical(string system, string locale) =>
        catalogue.Find(system)?.Name ?? analyzer.ReadSlots(system, locale).CatalogueSystem?.Name ?? system;

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();

    /// <summary>An error code as one comparable token; a quoted message is not a code (its words are searched instead).</summary>
    private static string? Code(string? error) =>
        error is not null && CodeShape().Match(error) is { Success: true } code ? code.Value.ToUpperInvariant() : null;

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?=[A-Za-z\-_]*\d)[A-Za-z0-9][A-Za-z0-9\-_]{2,31}(?![A-Za-z0-9])")]
    private static partial Regex CodeShape();
}
