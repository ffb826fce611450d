using Microsoft.Extensions.Options;

namespace SupportBot.Common;

/// <summary>
/// Base for start-up validation: each failure is one sentence beginning with the configuration key it is
/// about (e.g. <c>Sla:Deadlines:urgent:firstResponse …</c>), so a bad value is found without a debugger.
/// </summary>
internal abstract class OptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = new List<string>();
        Validate(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    protected abstract void Validate(TOptions options, List<string> errors);
}

internal static class OptionsRegistration
{
    /// <summary>Binds a section, validates it with <typeparamref name="TValidator"/> and fails the start when it is wrong.</summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(sectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services;
    }
}

internal static class ConfigurationFailures
{
    /// <summary>
    /// The validation messages inside a start-up failure: the host throws one <see cref="OptionsValidationException"/>
    /// for one invalid section and an <see cref="AggregateException"/> of them for several.
    /// </summary>
    public static IReadOnlyList<string>? From(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        InvalidOperationException unreadable when IsUnconvertible(unreadable) => [unreadable.Message],
        AggregateException many when many.InnerExceptions.All(e => e is OptionsValidationException || IsUnconvertible(e)) =>
            [.. many.InnerExceptions.SelectMany(e => From(e) ?? [])],
        _ => null,
    };

    /// <summary>
    /// The configuration binder's own failure for a value of the wrong kind ("Failed to convert configuration value
    /// 'Postgres' at 'Storage:Provider' to type …", a word where an enum or a number belongs): its message already names
    /// the key and the value.
    /// </summary>
    private static bool IsUnconvertible(Exception error) =>
        error is InvalidOperationException && error.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal)
        && error.Message.Contains(" at '", StringComparison.Ordinal);
}
