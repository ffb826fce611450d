using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SupportBot.BotFramework.Hosting;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// Attachments from the widget: <c>multipart/form-data</c> with an <c>activity</c> part and one <c>file</c> part per
/// attachment, as Web Chat builds it (or one raw file). Files are kept per conversation under an unguessable id,
/// because the browser fetches <c>contentUrl</c> without a token (an &lt;img&gt; cannot send one).
/// </summary>
internal static class DirectLineUploads
{
    private const string TypeSuffix = ".type";

    public static async Task<IResult> UploadAsync(HttpContext http, string conversationId, string? userId, DirectLineServer server, MinuteLimiter limiter, IOptions<DirectLineOptions> options)
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

        if (http.Request.ContentLength > limits.MaxUploadBytes)
        {
            return TooLarge(limits);
        }

        var (activity, files, problem) = await ReadAsync(http, limits);
        if (problem is not null)
        {
            return problem;
        }

        var directory = Path.Combine(limits.UploadDirectory, conversation.Id);
        Directory.CreateDirectory(directory);
        var attachments = new List<Attachment>();
        foreach (var file in files)
        {
            var fileId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            await File.WriteAllBytesAsync(Path.Combine(directory, fileId), file.Content, http.RequestAborted);
            await File.WriteAllTextAsync(Path.Combine(directory, fileId + TypeSuffix), file.ContentType, http.RequestAborted);
            attachments.Add(new Attachment
            {
                ContentType = file.ContentType,
                Name = file.Name,
                ContentUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{DirectLineEndpoints.Prefix}/conversations/{Uri.EscapeDataString(conversation.Id)}/files/{fileId}",
            });
        }

        var echoed = await server.PostAsync(conversation, activity with { Type = ActivityTypes.Message, Attachments = attachments }, http.RequestAborted);
        return DirectLineResults.Json(new ResourceResponse(echoed.Id));
    }

    public static IResult DownloadAsync(string conversationId, string fileId, IOptions<DirectLineOptions> options)
    {
        // Both parts name files on disk: allow nothing that could step out of the conversation's folder.
        if (!IsPlainName(conversationId) || !IsPlainName(fileId) || fileId.EndsWith(TypeSuffix, StringComparison.Ordinal))
        {
            return DirectLineResults.NotFound();
        }

        var path = Path.GetFullPath(Path.Combine(options.Value.UploadDirectory, conversationId, fileId));
        if (!File.Exists(path) || !File.Exists(path + TypeSuffix))
        {
            return DirectLineResults.NotFound();
        }

        var contentType = File.ReadAllText(path + TypeSuffix);
        return Results.File(path, contentType, fileDownloadName: contentType.StartsWith("image/", StringComparison.Ordinal) ? null : fileId);
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

    private static async Task<(Activity Activity, List<UploadedFile> Files, IResult? Problem)> ReadAsync(HttpContext http, DirectLineOptions limits)
    {
        var activity = new Activity { Type = ActivityTypes.Message };
        var files = new List<UploadedFile>();
        if (!http.Request.HasFormContentType)
        {
            // A single raw file: its type from Content-Type, its name from Content-Disposition.
            var body = await http.Request.ReadBodyAsync((int)Math.Min(limits.MaxUploadBytes, int.MaxValue), http.RequestAborted);
            if (body is null)
            {
                return (activity, files, TooLarge(limits));
            }

            var name = ContentDispositionHeaderValue.TryParse(http.Request.Headers.ContentDisposition.ToString(), out var disposition) ? disposition.FileName.Value?.Trim('"') : null;
            files.Add(new UploadedFile(name ?? "file", MediaType(http.Request.ContentType), body));
        }
        else
        {
            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limits.MaxUploadBytes }, http.RequestAborted);
            }
            catch (InvalidDataException)
            {
                return (activity, files, TooLarge(limits));
            }

            if (form.Files.GetFile("activity") is { } activityPart)
            {
                using var reader = new MemoryStream();
                await activityPart.CopyToAsync(reader, http.RequestAborted);
                var (parsed, problem) = DirectLineActivities.Parse(reader.ToArray());
                if (parsed is null)
                {
                    return (activity, files, DirectLineResults.BadArgument(problem!));
                }

                activity = parsed;
            }

            foreach (var part in form.Files.Where(f => f.Name == "file"))
            {
                using var content = new MemoryStream();
                await part.CopyToAsync(content, http.RequestAborted);
                files.Add(new UploadedFile(Path.GetFileName(part.FileName), MediaType(part.ContentType), content.ToArray()));
            }
        }

        if (files.Count == 0)
        {
            return (activity, files, DirectLineResults.BadArgument("The upload has no file part."));
        }

        if (files.Sum(f => (long)f.Content.Length) > limits.MaxUploadBytes)
        {
            return (activity, files, TooLarge(limits));
        }

        if (files.FirstOrDefault(f => !limits.AllowedUploadTypes.Contains(f.ContentType, StringComparer.OrdinalIgnoreCase)) is { } refused)
        {
            return (activity, files, DirectLineResults.Error(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
                $"Files of type '{refused.ContentType}' cannot be sent here; allowed: {string.Join(", ", limits.AllowedUploadTypes)}."));
        }

        return (activity, files, null);
    }

    private static IResult TooLarge(DirectLineOptions limits) =>
        DirectLineResults.Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"Files may be at most {limits.MaxUploadBytes / 1024 / 1024.0:0.#} MB together.");

    private static string MediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Value is { } media ? media.ToLowerInvariant() : "application/octet-stream";

    private static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private sealed record UploadedFile(string Name, string ContentType, byte[] Content);
}
