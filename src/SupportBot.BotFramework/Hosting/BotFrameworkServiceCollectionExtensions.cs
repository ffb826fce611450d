using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using SupportBot.BotFramework.Authentication;
using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.State;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Hosting;

public static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>
    /// Channel authentication, the Connector client with retries, and the <see cref="CloudAdapter"/> with every
    /// registered <see cref="IMiddleware"/> in registration order. The app registers its <see cref="IBot"/>,
    /// an <see cref="IStorage"/> and (for proactive messages) an <see cref="IConversationReferenceStore"/>.
    /// </summary>
    public static IServiceCollection AddBotFramework(this IServiceCollection services)
    {
        services.AddOptions<BotFrameworkOptions>().BindConfiguration(BotFrameworkOptions.SectionName).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(ChannelTokenValidator.MetadataHttpClient);
        services.AddHttpClient(EntraBotTokenProvider.HttpClientName);
        services.AddHttpClient(ConnectorClient.HttpClientName)
            .AddResilienceHandler("connector", (pipeline, context) =>
            {
                // The wall clock, not the app's TimeProvider: when the host stops, Polly waits for the calls still in
                // flight by sleeping a second at a time on the pipeline's clock (up to 30 s). With a test's clock held
                // still, a call that ended a moment after that first look left the host's disposal waiting for good
                // (seen in a dump of the hung HangingConnectorTests run). Backoff is the only other time Polly keeps here.
                pipeline.TimeProvider = TimeProvider.System;
                var options = context.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<BotFrameworkOptions>>().Value;
                if (options.ConnectorRetries == 0)
                {
                    // No retries means each call is sent once; Polly's retry strategy itself refuses zero attempts.
                    return;
                }

                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.ConnectorRetries,
                    Delay = options.ConnectorRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    OnRetry = retry => ConnectorTelemetry.Retrying(retry.Outcome),
                });
            });

        services.AddSingleton<ChannelTokenValidator>();
        services.AddSingleton<ServiceUrlTrust>();
        services.AddSingleton<IBotTokenProvider, EntraBotTokenProvider>();
        services.AddSingleton<ConnectorClient>();
        services.AddSingleton(provider => new TurnErrorHandler(
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<TurnErrorHandler>>(),
            provider.GetServices<ConversationState>().Concat<BotState>(provider.GetServices<UserState>()),
            provider.GetService<ITurnErrorReply>()));
        services.TryAddSingleton<IConversationReferenceStore, MemoryConversationReferenceStore>();
        services.AddSingleton(provider =>
        {
            var adapter = new CloudAdapter(provider.GetRequiredService<ConnectorClient>(), provider.GetRequiredService<TimeProvider>(), provider.GetServices<IHostedChannel>())
            {
                OnTurnError = provider.GetRequiredService<TurnErrorHandler>().HandleAsync,
            };
            foreach (var middleware in provider.GetServices<IMiddleware>())
            {
                adapter.Use(middleware);
            }

            return adapter;
        });
        return services;
    }

    private sealed class BotFrameworkOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<BotFrameworkOptions>
    {
        public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, BotFrameworkOptions options)
        {
            var errors = options.Validate().ToList();
            return errors.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(errors);
        }
    }
}
