using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>Who a Direct Line token speaks for: one user, and once a conversation is started, only that conversation.</summary>
/// <remarks><c>StreamOnly</c> marks a stream ticket: good only for opening the WebSocket, for a minute.</remarks>
public sealed record DirectLineIdentity(string UserId, string? UserName, string? ConversationId, DateTimeOffset ExpiresAt, bool StreamOnly = false, string? TicketId = null);

public enum TokenCheck
{
    Valid,
    Missing,
    Invalid,
    Expired,
}

/// <summary>
/// Issues and checks Direct Line tokens: HS256 JWTs with the claims <c>user</c> (Web Chat reads it, unverified, as
/// the user id), <c>name</c> and <c>conv</c>. Lifetime is checked against the injected clock without skew: the
/// issuer and the checker share the key, and in a cluster their clocks are expected to agree as a database's would.
/// </summary>
public sealed class DirectLineTokens
{
    private const string Issuer = "SupportBot.DirectLine";
    private const string UserClaim = "user";
    private const string NameClaim = "name";
    private const string ConversationClaim = "conv";
    private const string ScopeClaim = "scope";
    private const string StreamScope = "stream";
    private const string TicketIdClaim = "jti";

    /// <summary>
    /// Stream tickets travel in the WebSocket URL (browsers cannot set headers on a socket), where proxies may log
    /// them: so they are separate, short-lived, and good for nothing else. DirectLineJS gets a new one on reconnect.
    /// </summary>
    private static readonly TimeSpan StreamTicketLifetime = TimeSpan.FromMinutes(1);

    // A separate key for visitor passes, derived from the signing key: a pass can never be read as a token, nor the reverse.
    private readonly byte[] _passKey;

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SymmetricSecurityKey _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    private readonly IStreamTickets _redeemed;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider time, IStreamTickets redeemed)
    {
        _redeemed = redeemed;
        ArgumentNullException.ThrowIfNull(options);
        var key = SigningKeys.Load(options.Value);
        _key = new SymmetricSecurityKey(key);
        _passKey = HMACSHA256.HashData(key, "SupportBot.DirectLine.VisitorPass"u8);
        _time = time;
        _lifetime = options.Value.TokenLifetime;
    }

    public TimeSpan Lifetime => _lifetime;

    public string Issue(string userId, string? userName, string? conversationId) => Create(userId, userName, conversationId, _lifetime, streamOnly: false);

    public string IssueStreamTicket(string userId, string conversationId) => Create(userId, null, conversationId, StreamTicketLifetime, streamOnly: true);

    private string Create(string userId, string? userName, string? conversationId, TimeSpan lifetime, bool streamOnly)
    {
        var now = _time.GetUtcNow();
        var claims = new Dictionary<string, object> { [UserClaim] = userId };
        if (streamOnly)
        {
            claims[ScopeClaim] = StreamScope;
            claims[TicketIdClaim] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        }

        if (userName is { Length: > 0 })
        {
            claims[NameClaim] = userName;
        }

        if (conversationId is { Length: > 0 })
        {
            claims[ConversationClaim] = conversationId;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    public async Task<(TokenCheck Check, DirectLineIdentity? Identity)> ValidateAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (TokenCheck.Missing, null);
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Issuer,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateLifetime = false,
            RequireExpirationTime = true,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || !jwt.TryGetPayloadValue<string>(UserClaim, out var user))
        {
            return (TokenCheck.Invalid, null);
        }

        var expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        if (_time.GetUtcNow() >= expires)
        {
            return (TokenCheck.Expired, null);
        }

        jwt.TryGetPayloadValue<string>(NameClaim, out var name);
        jwt.TryGetPayloadValue<string>(ConversationClaim, out var conversation);
        var streamOnly = jwt.TryGetPayloadValue<string>(ScopeClaim, out var scope) && scope == StreamScope;
        jwt.TryGetPayloadValue<string>(TicketIdClaim, out var ticketId);
        return (TokenCheck.Valid, new DirectLineIdentity(user, name, conversation, expires, streamOnly, ticketId));
    }

    /// <summary>True the first time a stream ticket is used, on whichever instance, false ever after (and for a ticket without an id).</summary>
    public async Task<bool> RedeemAsync(DirectLineIdentity ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket is { StreamOnly: true, TicketId: { Length: > 0 } id } && await _redeemed.RedeemAsync(id, ticket.ExpiresAt, cancellationToken);
    }

    /// <summary>
    /// A visitor pass: an anonymous visitor's id with this server's signature, <c>{id}.{mac}</c>, which the built-in page
    /// keeps in the browser and shows again to get a token for the same visitor. The id alone is no credential (it is
    /// in every activity the visitor sends, and on their tickets); only the server can make the signature. It does not
    /// expire: clearing the browser's storage ends it, as a cookie would.
    /// </summary>
    public string IssueVisitorPass(string visitorId) => $"{visitorId}.{PassMac(visitorId)}";

    /// <summary>The visitor a pass names when this server signed it; null for anything else.</summary>
    public string? VisitorOf(string? pass)
    {
        var dot = pass is { Length: > 0 and <= 200 } ? pass.LastIndexOf('.') : -1;
        if (dot < 1)
        {
            return null;
        }

        var id = pass![..dot];
        var presented = System.Text.Encoding.UTF8.GetBytes(pass[(dot + 1)..]);
        var expected = System.Text.Encoding.UTF8.GetBytes(PassMac(id));
        return CryptographicOperations.FixedTimeEquals(presented, expected) ? id : null;
    }

    private string PassMac(string visitorId) => Base64Url.EncodeToString(HMACSHA256.HashData(_passKey, System.Text.Encoding.UTF8.GetBytes(visitorId)));

    /// <summary>Constant-time comparison of a presented secret with the configured one.</summary>
    public static bool IsSecret(string? presented, string? secret) =>
        presented is { Length: > 0 } && secret is { Length: > 0 } &&
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(secret));

    /// <summary>The bearer credential of a request, or null.</summary>
    public static string? Bearer(string? authorization) =>
        authorization is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;

    private static class SigningKeys
    {
        public static byte[] Load(DirectLineOptions options)
        {
            if (options.SigningKey is { Length: > 0 } configured)
            {
                return Convert.FromBase64String(configured);
            }

            if (options.SigningKeyFile is not { Length: > 0 } file)
            {
                return RandomNumberGenerator.GetBytes(32);
            }

            if (File.Exists(file) && Convert.TryFromBase64String(File.ReadAllText(file).Trim(), new byte[64], out var length) && length >= 32)
            {
                return Convert.FromBase64String(File.ReadAllText(file).Trim());
            }

            var key = RandomNumberGenerator.GetBytes(32);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            File.WriteAllText(file, Convert.ToBase64String(key));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            return key;
        }
    }
}
