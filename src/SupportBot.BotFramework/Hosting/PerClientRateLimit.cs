using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace SupportBot.BotFramework.Hosting;

/// <summary>
/// A rate-limiting policy (ASP.NET Core's middleware) of so many requests per minute per client address, refused
/// with 429 and <c>Retry-After</c> in seconds. The address is the connection's, which is the visitor's own once
/// forwarded headers from trusted proxies are applied; behind an unconfigured proxy every visitor shares one limit.
/// </summary>
public sealed class PerClientRateLimit(Func<int> permitsPerMinute, Func<HttpContext, string, IResult> refusal) : IRateLimiterPolicy<string>
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, cancellationToken) =>
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await refusal(context.HttpContext, $"Too many requests from this address; try again in {seconds} s.").ExecuteAsync(context.HttpContext);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute(), Window = Window, QueueLimit = 0, AutoReplenishment = true });
    }
}
