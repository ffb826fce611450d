using Microsoft.Extensions.Options;
using SupportBot.Common;

namespace SupportBot.Storage;

internal sealed class StorageOptionsValidator : OptionsValidator<StorageOptions>
{
    protected override void Validate(StorageOptions options, List<string> errors)
    {
        if (options.Provider == StorageProvider.PostgreSql)
        {
            // Never the connection string itself in a message: it carries the password.
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                errors.Add($"{StorageOptions.SectionName}:Provider is PostgreSql but ConnectionStrings:{StorageOptions.ConnectionStringName} is not set.");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(options.DatabasePath) || options.DatabasePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"{StorageOptions.SectionName}:DatabasePath must be a file path, not '{options.DatabasePath}'.");
        }
    }
}

/// <summary>
/// On PostgreSQL the app may run as several instances, and a token or stream ticket one signs must verify on the others:
/// a key each instance makes for itself would not. So a key (or a key file the instances share) must be configured.
/// </summary>
internal sealed class SharedSigningKeyValidator : IValidateOptions<BotFramework.DirectLine.DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, BotFramework.DirectLine.DirectLineOptions options) =>
        string.IsNullOrWhiteSpace(options.SigningKey) && string.IsNullOrWhiteSpace(options.SigningKeyFile)
            ? ValidateOptionsResult.Fail(
                $"{BotFramework.DirectLine.DirectLineOptions.SectionName}:SigningKey must be set with {StorageOptions.SectionName}:Provider PostgreSql (or a SigningKeyFile every instance shares): a key per process breaks web chat across instances.")
            : ValidateOptionsResult.Success;
}
