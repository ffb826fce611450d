using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SupportBot.Common;

/// <summary>Configuration section <c>Admin</c>. No key configured means the admin endpoints are not served at all.</summary>
internal sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Sent by administrators' tools in the <c>X-Api-Key</c> header. Set it through the environment, never in a committed file.</summary>
    public string? ApiKey { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ApiKey);
}

/// <summary>Lets a request through only with the configured admin key, compared in constant time.</summary>
internal sealed class AdminApiKeyFilter(IOptions<AdminOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    private readonly byte[] _expected = Encoding.UTF8.GetBytes(options.Value.ApiKey ?? "");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var presented = context.HttpContext.Request.Headers[HeaderName].ToString();
        if (_expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: $"Send the administrator API key in the {HeaderName} header.");
        }

        return await next(context);
    }
}

internal static partial class AdminApiLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin API is off: no {Key} is configured, so /api/tickets is not served.")]
    public static partial void AdminApiOff(this ILogger logger, string key);
}
