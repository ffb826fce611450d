using System.Diagnostics.Metrics;
using Polly;

namespace SupportBot.BotFramework.Connector;

/// <summary>The connector's metrics: its retries, which the app exports with its own (meter <see cref="MeterName"/>).</summary>
public static class ConnectorTelemetry
{
    /// <summary>The meter's name, for an exporter to subscribe to.</summary>
    public const string MeterName = "SupportBot.Connector";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "supportbot.connector.retries", "{retry}", "Calls to a channel's connector tried again, by what the failed try got (a status code, or the exception's type).");

    /// <summary>Polly's OnRetry: counts the retry by its cause, a status code or an exception type (never a URL: it names a conversation).</summary>
    internal static ValueTask Retrying(Outcome<HttpResponseMessage> outcome)
    {
        var cause = outcome.Result is { } response ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : outcome.Exception?.GetType().Name ?? "unknown";
        Retries.Add(1, new KeyValuePair<string, object?>("cause", cause));
        return ValueTask.CompletedTask;
    }
}
