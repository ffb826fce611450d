using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Connector;

namespace SupportBot.BotFramework.DirectLine;

public static class DirectLineServiceCollectionExtensions
{
    /// <summary>
    /// The Direct Line server (section <c>DirectLine</c>): tokens, transcripts on the app's <see cref="State.IStorage"/>,
    /// the hosted channel the adapter sends Web Chat replies to, limits, cleanup, and CORS for the configured origins.
    /// </summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services)
    {
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>();
        // The stores default to one process's; an application with several registers shared ones first.
        services.TryAddSingleton<IStreamTickets, MemoryStreamTickets>();
        services.TryAddSingleton<IDirectLineTranscripts, StorageTranscripts>();
        services.TryAddSingleton<IDirectLineFileStore, FolderFileStore>();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineConversations>();
        services.AddSingleton<DirectLineServer>();
        services.AddSingleton<DirectLineFiles>();
        services.AddSingleton<IHostedChannel, DirectLineChannel>();
        services.AddSingleton<MinuteLimiter>();
        services.AddSingleton<DirectLineCleanup>();
        services.AddHostedService(provider => provider.GetRequiredService<DirectLineCleanup>());
        // Starting a conversation costs a transcript and a turn: limited per client by the rate-limiting middleware.
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IOptions<DirectLineOptions>>((limits, directLine) => limits.AddPolicy(DirectLineEndpoints.StartLimitPolicy, new Hosting.PerClientRateLimit(
                () => directLine.Value.ConversationsPerMinutePerClient,
                (_, message) => DirectLineResults.Error(Microsoft.AspNetCore.Http.StatusCodes.Status429TooManyRequests, "TooManyRequests", message))));
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<DirectLineOptions>>((cors, directLine) => cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy => policy
                .WithOrigins([.. directLine.Value.AllowedOrigins.Select(origin => origin.TrimEnd('/'))])
                .WithHeaders("Authorization", "Content-Type", "Accept", "x-ms-bot-agent")
                .WithMethods("GET", "POST")
                .WithExposedHeaders("Retry-After")));
        return services;
    }

    private sealed class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
    {
        public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
        {
            var errors = options.Validate().ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
