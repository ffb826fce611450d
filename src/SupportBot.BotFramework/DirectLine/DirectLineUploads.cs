using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// Attachments from the widget: <c>multipart/form-data</c> with an <c>activity</c> part and one <c>file</c> part per
/// attachment, as Web Chat builds it (or one raw file). Files are kept per conversation under an unguessable id,
/// because the browser fetches <c>contentUrl</c> without a token (an &lt;img&gt; cannot send one).
/// </summary>
internal static class DirectLineUploads
{
    internal const string TypeSuffix = FolderFileStore.TypeSuffix;

    // Room for the multipart boundaries, part headers and the activity part around the files themselves.
    private const long MultipartAllowance = 128 * 1024;

    public static async Task<IResult> UploadAsync(HttpContext http, string conversationId, string? userId, DirectLineServer server, MinuteLimiter limiter, IDirectLineFileStore store, IOptions<DirectLineOptions> options)
    {
        var caller = await DirectLineCaller.OfAsync(http);
        var (conversation, refusal) = await caller.AuthorizeAsync(http, conversationId);
        if (conversation is null)
        {
            return refusal!;
        }

        if (userId is { Length: > 0 } && userId != conversation.UserId)
        {
            return DirectLineResults.Forbidden();
        }

        var limits = options.Value;
        if (DirectLineActivities.OverMessageLimit(http, conversation, limiter, limits) is { } limited)
        {
            return limited;
        }

        if (http.Request.ContentLength > limits.MaxUploadBytes + MultipartAllowance)
        {
            await server.NotifyAsync(conversation, new UploadRefusal(UploadRefusal.TooLarge, [], limits.MaxUploadBytes).ToEvent(new Activity { Type = ActivityTypes.Event }));
            return TooLarge(limits);
        }

        // Kestrel stops a body past this on its own (a 413 here, not its 500 at the server-wide limit).
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limits.MaxUploadBytes + MultipartAllowance;
        }

        var directory = Path.Combine(limits.UploadDirectory, conversation.Id);
        Directory.CreateDirectory(directory);
        var upload = new Upload(directory, limits);
        IResult? problem;
        try
        {
            problem = await upload.ReadAsync(http);
        }
        catch (Exception error) when (error is InvalidDataException or BadHttpRequestException or IOException && !http.RequestAborted.IsCancellationRequested)
        {
            problem = error is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || upload.OverLimit
                ? TooLarge(limits)
                : DirectLineResults.BadArgument("The upload is not well-formed multipart/form-data.");
        }

        if (problem is not null)
        {
            upload.DeleteFiles();
            if (upload.Refusal() is { } refused)
            {
                // The widget shows only "send failed": the bot says why, in the visitor's language.
                await server.NotifyAsync(conversation, refused.ToEvent(upload.Activity));
            }

            return problem;
        }

        foreach (var file in upload.Files)
        {
            await store.KeepAsync(conversation.Id, file.Id, file.ContentType, Path.Combine(directory, file.Id), http.RequestAborted);
        }

        var attachments = upload.Files.Select(file => new Attachment
        {
            ContentType = file.ContentType,
            Name = file.Name,
            ContentUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{DirectLineEndpoints.Prefix}/conversations/{Uri.EscapeDataString(conversation.Id)}/files/{file.Id}",
        }).ToList();
        var echoed = await server.PostAsync(conversation, upload.Activity with { Type = ActivityTypes.Message, Attachments = attachments }, http.RequestAborted);
        return DirectLineResults.Json(new ResourceResponse(echoed.Id));
    }

    public static IResult DownloadAsync(HttpContext http, string conversationId, string fileId, IDirectLineFileStore store)
    {
        ArgumentNullException.ThrowIfNull(http);

        // A visitor's file is served as the type it was checked as, never sniffed into HTML, and runs nothing.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        // Both parts name files on disk: allow nothing that could step out of the conversation's folder.
        if (!IsPlainName(conversationId) || !IsPlainName(fileId) || fileId.EndsWith(TypeSuffix, StringComparison.Ordinal))
        {
            return DirectLineResults.NotFound();
        }

        if (store.Open(conversationId, fileId) is not { } upload)
        {
            return DirectLineResults.NotFound();
        }

        var contentType = upload.ContentType;
        return Results.File(upload.Content, contentType, fileDownloadName: contentType.StartsWith("image/", StringComparison.Ordinal) ? null : fileId);
    }

    /// <summary>Deletes a conversation's files when the conversation ends.</summary>
    public static void DeleteConversation(DirectLineOptions options, string conversationId)
    {
        var directory = Path.Combine(options.UploadDirectory, conversationId);
        if (IsPlainName(conversationId) && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IResult TooLarge(DirectLineOptions limits) =>
        DirectLineResults.Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"Files may be at most {limits.MaxUploadBytes / 1024 / 1024.0:0.#} MB together.");

    private static string MediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Value is { } media ? media.ToLowerInvariant() : "application/octet-stream";

    internal static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// One upload read as it arrives: each file part is streamed to its file on disk and counted, so no more than
    /// the limit (plus one buffer) is ever read, and nothing is held in memory whole.
    /// </summary>
    private sealed class Upload(string directory, DirectLineOptions limits)
    {
        private long _total;

        public Activity Activity { get; private set; } = new() { Type = ActivityTypes.Message };
        public List<SavedFile> Files { get; } = [];
        public bool OverLimit { get; private set; }

        private string? RefusedType { get; set; }

        /// <summary>Why the upload was refused, for the visitor; null when it was not (or was only malformed).</summary>
        public UploadRefusal? Refusal() =>
            RefusedType is { } name ? new UploadRefusal(UploadRefusal.TypeNotAllowed, [name], limits.MaxUploadBytes)
            : OverLimit ? new UploadRefusal(UploadRefusal.TooLarge, [.. Files.Select(file => file.Name)], limits.MaxUploadBytes)
            : null;

        public async Task<IResult?> ReadAsync(HttpContext http)
        {
            var cancellationToken = http.RequestAborted;
            if (!http.Request.HasFormContentType)
            {
                // A single raw file: its type from Content-Type, its name from Content-Disposition.
                var name = ContentDispositionHeaderValue.TryParse(http.Request.Headers.ContentDisposition.ToString(), out var raw) ? raw.FileName.Value?.Trim('"') : null;
                return await SaveAsync(http.Request.Body, name ?? "file", MediaType(http.Request.ContentType), cancellationToken);
            }

            if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
                || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            {
                return DirectLineResults.BadArgument("The upload's multipart boundary is missing.");
            }

            var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024 };
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var problem = disposition.Name.Value?.Trim('"') switch
                {
                    "activity" => await ReadActivityAsync(section.Body, cancellationToken),
                    "file" => await SaveAsync(section.Body, Path.GetFileName(disposition.FileName.Value?.Trim('"') ?? "file"), MediaType(section.ContentType), cancellationToken),
                    _ => null,
                };
                if (problem is not null)
                {
                    return problem;
                }
            }

            return Files.Count == 0 ? DirectLineResults.BadArgument("The upload has no file part.") : null;
        }

        public void DeleteFiles()
        {
            foreach (var file in Files)
            {
                File.Delete(Path.Combine(directory, file.Id));
                File.Delete(Path.Combine(directory, file.Id + TypeSuffix));
            }
        }

        private async Task<IResult?> ReadActivityAsync(Stream body, CancellationToken cancellationToken)
        {
            using var buffer = new MemoryStream();
            if (!await CopyLimitedAsync(body, buffer, limits.MaxActivityBytes, cancellationToken))
            {
                return DirectLineResults.Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"An activity may be at most {limits.MaxActivityBytes / 1024} KB.");
            }

            var (parsed, problem) = DirectLineActivities.Parse(buffer.ToArray());
            Activity = parsed ?? Activity;
            return parsed is null ? DirectLineResults.BadArgument(problem!) : null;
        }

        private async Task<IResult?> SaveAsync(Stream body, string name, string contentType, CancellationToken cancellationToken)
        {
            if (limits.UploadTypeOf(name, contentType) is not { } keptAs)
            {
                RefusedType = name;
                return DirectLineResults.Error(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
                    $"Files of type '{contentType}' cannot be sent here; allowed: {string.Join(", ", [.. limits.AllowedUploadTypes, .. limits.AllowedUploadExtensions.Keys])}.");
            }

            var file = new SavedFile(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(), name, keptAs);
            Files.Add(file);
            bool within;
            await using (var target = File.Create(Path.Combine(directory, file.Id)))
            {
                within = await CopyLimitedAsync(body, target, limits.MaxUploadBytes - _total, cancellationToken);
                _total += target.Length;
            }

            await File.WriteAllTextAsync(Path.Combine(directory, file.Id + TypeSuffix), keptAs, cancellationToken);
            OverLimit |= !within;
            return within ? null : TooLarge(limits);
        }

        /// <summary>Copies at most <paramref name="limit"/> bytes; false (having stopped reading) when there is more.</summary>
        private static async Task<bool> CopyLimitedAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
        {
            var chunk = new byte[81920];
            long copied = 0;
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
            {
                copied += read;
                if (copied > limit)
                {
                    return false;
                }

                await target.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
            }

            return true;
        }
    }

    private sealed record SavedFile(string Id, string Name, string ContentType);
}
