using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Hosting;

namespace SupportBot.BotFramework.Connector;

/// <summary>
/// Decides where the bot token may be sent: configured channel hosts, and service URLs that arrived in
/// authenticated requests. A forged or mistaken service URL never receives the bot's credentials.
/// </summary>
public sealed class ServiceUrlTrust(IOptions<BotFrameworkOptions> options)
{
    private readonly HashSet<string> _hosts = new(options.Value.TrustedServiceHosts, StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _verified = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records a service URL that came with a validated channel token.</summary>
    public void Verified(string serviceUrl) => _verified.TryAdd(Normalize(serviceUrl), 0);

    /// <summary>HTTPS to a trusted host or a verified URL; plain HTTP only to this machine (local tools and tests).</summary>
    public bool IsTrusted(string serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && (_hosts.Contains(uri.Host) || _verified.ContainsKey(Normalize(serviceUrl)));

    private static string Normalize(string serviceUrl) => serviceUrl.TrimEnd('/');
}
