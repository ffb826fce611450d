using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportBot.BotFramework.Hosting;
using SupportBot.Localization;

namespace SupportBot.Describing;

/// <summary>
/// <c>POST /api/descriptions/analyze</c>: the description engine over HTTP, for web forms and evaluation.
/// Stateless and holding no data, so it needs no key. Every refusal is problem+json naming the field.
/// </summary>
internal static class DescriptionsApi
{
    public const int MaxTextLength = 4000;
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly string[] SupportedLocales = ["en", "en-US", "en-GB", "zh", "zh-CN", "zh-Hans", "zh-Hans-CN", "zh-SG"];

    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static IEndpointRouteBuilder MapDescriptionsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/api/descriptions/analyze", AnalyzeAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<AnalyzeResponse>, ProblemHttpResult>> AnalyzeAsync(HttpRequest request, DescriptionAnalyzer analyzer)
    {
        if (!request.HasJsonContentType())
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the request as application/json.");
        }

        var body = await request.ReadBodyAsync(MaxBodyBytes, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body may be at most {MaxBodyBytes / 1024} KB.");
        }

        AnalyzeRequest? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<AnalyzeRequest>(body, RequestJson);
        }
        catch (JsonException invalid)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid request", Explain(invalid));
        }

        if (Validate(parsed) is { } refusal)
        {
            return refusal;
        }

        var locale = parsed!.Locale ?? Localizer.LanguageOf(parsed.Text);
        var analysis = analyzer.Analyze(parsed.Text!, Localizer.Normalize(locale), parsed.Answers);
        return TypedResults.Ok(new AnalyzeResponse(analysis.Specific, analysis.Slots, analysis.Missing, analysis.Question, analysis.Description));
    }

    private static ProblemHttpResult? Validate(AnalyzeRequest? request)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Text))
        {
            return Problem(StatusCodes.Status400BadRequest, "Text required", "\"text\" is required and must not be empty.");
        }

        if (request.Text.Length > MaxTextLength)
        {
            return Problem(StatusCodes.Status400BadRequest, "Text too long", $"\"text\" has {request.Text.Length} characters; the limit is {MaxTextLength}.");
        }

        if (request.Locale is { } locale && !SupportedLocales.Contains(locale, StringComparer.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status400BadRequest, "Unsupported locale", $"\"locale\" '{locale}' is not supported; use \"en-US\" or \"zh-CN\".");
        }

        return null;
    }

    /// <summary>Where the JSON went wrong, in the request's terms rather than .NET type names.</summary>
    private static string Explain(JsonException invalid)
    {
        var path = invalid.Path is { Length: > 2 } jsonPath ? jsonPath[2..] : null;
        return invalid.Message.Contains("could not be mapped", StringComparison.Ordinal) && path is not null
            ? $"Unknown field \"{path}\"; expected \"text\", \"locale\" and \"answers\" ({string.Join(", ", DescriptionSlot.AskOrder.Prepend(DescriptionSlot.Element))})."
            : path is not null
                ? $"\"{path}\" has the wrong type: text, locale and every answer are strings."
                : $"The body is not valid JSON (line {invalid.LineNumber + 1}, position {invalid.BytePositionInLine + 1}).";
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    private sealed record AnalyzeRequest(string? Text, string? Locale, DescriptionAnswers? Answers);
}

/// <summary>The HTTP contract's answer: exactly these five fields.</summary>
internal sealed record AnalyzeResponse(bool Specific, DescriptionSlots Slots, IReadOnlyList<string> Missing, string? Question, string? Description);
