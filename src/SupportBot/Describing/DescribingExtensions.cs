using Microsoft.Extensions.Options;
using SupportBot.Common;
using SupportBot.Localization;

namespace SupportBot.Describing;

/// <summary><c>Describing</c> section: systems to add to (or replace in) the embedded catalogue.</summary>
internal sealed class DescribingOptions
{
    public const string SectionName = "Describing";

    public List<SystemEntry> Systems { get; init; } = [];
}

internal sealed class DescribingOptionsValidator : OptionsValidator<DescribingOptions>
{
    protected override void Validate(DescribingOptions options, List<string> errors)
    {
        for (var i = 0; i < options.Systems.Count; i++)
        {
            var entry = options.Systems[i];
            var key = $"{DescribingOptions.SectionName}:Systems:{i}";
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                errors.Add($"{key}:Name is required.");
            }

            if (entry.Aliases.Count == 0 || entry.Aliases.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{key}:Aliases needs at least one alias, none of them empty.");
            }
        }

        foreach (var duplicate in options.Systems.GroupBy(entry => entry.Name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
        {
            errors.Add($"{DescribingOptions.SectionName}:Systems names '{duplicate.Key}' more than once.");
        }
    }
}

internal static class DescribingExtensions
{
    public static IServiceCollection AddDescribing(this IServiceCollection services)
    {
        services.AddValidatedOptions<DescribingOptions, DescribingOptionsValidator>(DescribingOptions.SectionName);
        services.AddSingleton<Localizer>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<DescribingOptions>>().Value.Systems is { Count: > 0 } added
            ? SystemsCatalogue.Default.With(added)
            : SystemsCatalogue.Default);
        services.AddSingleton(provider => provider.GetRequiredService<SystemsCatalogue>() is var catalogue && catalogue == SystemsCatalogue.Default
            ? DescriptionLexicon.Default
            : DescriptionLexicon.Create(catalogue));
        services.AddSingleton<DescriptionComposer>();
        services.AddSingleton<DescriptionQuestions>();
        services.AddSingleton(provider => new DescriptionAnalyzer(
            provider.GetRequiredService<DescriptionLexicon>(),
            provider.GetRequiredService<DescriptionComposer>(),
            provider.GetRequiredService<DescriptionQuestions>(),
            SpecificModel.Default));
        return services;
    }
}
