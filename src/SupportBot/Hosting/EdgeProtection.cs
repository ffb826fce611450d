using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Hosting;
using SupportBot.Common;

namespace SupportBot.Hosting;

/// <summary>
/// <c>RateLimits</c>: requests per minute per client address for the anonymous endpoints that cost work
/// (Direct Line's own limits are in the <c>DirectLine</c> section).
/// </summary>
internal sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public int AnalyzePerMinutePerClient { get; set; } = 120;
}

/// <summary>
/// <c>ForwardedHeaders</c>: the reverse proxies SupportBot runs behind. Only their <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed, so a visitor cannot name their own address and limits apply per visitor.
/// </summary>
internal sealed class ProxyOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; init; } = [];

    /// <summary>Proxy networks, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; init; } = [];

    /// <summary>How many proxies in a row to step back through.</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Configured => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

internal sealed class RateLimitOptionsValidator : OptionsValidator<RateLimitOptions>
{
    protected override void Validate(RateLimitOptions options, List<string> errors)
    {
        if (options.AnalyzePerMinutePerClient < 1)
        {
            errors.Add($"{RateLimitOptions.SectionName}:AnalyzePerMinutePerClient must be at least 1.");
        }
    }
}

internal sealed class ProxyOptionsValidator : OptionsValidator<ProxyOptions>
{
    protected override void Validate(ProxyOptions options, List<string> errors)
    {
        errors.AddRange(options.KnownProxies.Where(proxy => !IPAddress.TryParse(proxy, out _))
            .Select(proxy => $"{ProxyOptions.SectionName}:KnownProxies '{proxy}' is not an IP address."));
        errors.AddRange(options.KnownNetworks.Where(network => !System.Net.IPNetwork.TryParse(network, out _))
            .Select(network => $"{ProxyOptions.SectionName}:KnownNetworks '{network}' is not a network such as 10.0.0.0/24."));
        if (options.ForwardLimit is < 1 or > 10)
        {
            errors.Add($"{ProxyOptions.SectionName}:ForwardLimit must be from 1 to 10.");
        }
    }
}

/// <summary>What stands between the internet and the endpoints: trusted proxies' headers and per-client rate limits.</summary>
internal static class EdgeProtection
{
    public const string AnalyzePolicy = "SupportBot.Analyze";

    public static IServiceCollection AddEdgeProtection(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.SectionName);
        services.AddValidatedOptions<ProxyOptions, ProxyOptionsValidator>(ProxyOptions.SectionName);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limits, options) => limits.AddPolicy(AnalyzePolicy, new PerClientRateLimit(
            () => options.Value.AnalyzePerMinutePerClient,
            (_, message) => Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: message))));
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = proxies.Value.ForwardLimit;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>First in the pipeline: the client's address from a trusted proxy, before anything counts by it.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Configured)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
