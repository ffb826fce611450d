using System.Text.Json;
using Microsoft.Playwright;

namespace SupportBot.BrowserTests;

/// <summary>
/// Every card SupportBot can send, parsed and rendered by the official Adaptive Cards renderer (npm
/// <c>adaptivecards</c>, pinned in <c>cards/package.json</c>) in Chromium, at the schema version the card declares.
/// A card with any parse or validation event — an unknown element or action, a bad property, a duplicate input id,
/// a required input without label or error message — fails. The main cards are kept as screenshots in both languages.
/// </summary>
public sealed class CardRendererTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private static readonly string[] Screenshots =
    [
        "ticket-submitted-triage", "ticket-accepted-assignee", "ticket-planned-assignee", "ticket-waiting-reporterTeams",
        "reporter-question-msteams", "reporter-approval-msteams", "reporter-verification-webchat", "reporter-rating-webchat", "ticket-inputProblem",
        "review-weekly-team", "review-weekly-desk",
    ];

    [Fact]
    public async Task Every_card_parses_and_renders_without_a_single_validation_event()
    {
        var page = await OpenRendererAsync();
        var cards = CardCatalogue.All(host.Services);
        var problems = new List<string>();

        foreach (var card in cards)
        {
            var result = await page.EvaluateAsync<JsonElement>("json => window.renderCard(json)", card.Card.ToJsonString());
            foreach (var issue in result.GetProperty("events").EnumerateArray())
            {
                problems.Add($"{card.Name}: {issue.GetString()}");
            }

            if (!result.GetProperty("rendered").GetBoolean())
            {
                problems.Add($"{card.Name}: the renderer produced nothing");
            }

            if (Screenshots.Any(name => card.Name == $"{name}-en-US" || card.Name == $"{name}-zh-CN"))
            {
                await page.Locator("#card").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserHost.ArtifactsDirectory, "cards", card.Name + ".png") });
            }
        }

        Assert.True(cards.Count > 100, $"Only {cards.Count} cards in the catalogue.");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_check_itself_reports_an_unknown_element_and_an_input_without_a_label()
    {
        var page = await OpenRendererAsync();
        var broken = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Marquee","text":"x"},{"type":"Input.Text","id":"a","isRequired":true}]}""";

        var result = await page.EvaluateAsync<JsonElement>("json => window.renderCard(json)", broken);

        var events = result.GetProperty("events").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(events, e => e.StartsWith("parse UnknownElementType", StringComparison.Ordinal));
        Assert.Contains(events, e => e.StartsWith("validate RequiredInputsShouldHaveLabel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chinese_cards_render_in_a_chinese_font_not_as_boxes()
    {
        var page = await OpenRendererAsync();
        var card = CardCatalogue.All(host.Services).Single(c => c.Name == "ticket-accepted-assignee-zh-CN");

        await page.EvaluateAsync<JsonElement>("json => window.renderCard(json)", card.Card.ToJsonString());
        var width = await page.EvaluateAsync<double>("() => { const c = document.createElement('canvas').getContext('2d'); c.font = '16px sans-serif'; return c.measureText('负责人').width; }");

        // Missing glyphs render as equal-width boxes or zero width; a CJK font gives each character about one em.
        Assert.InRange(width, 36, 60);
        Assert.Contains("负责人", await page.Locator("#card").InnerTextAsync(), StringComparison.Ordinal);
    }

    private async Task<IPage> OpenRendererAsync()
    {
        var page = await host.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 560, Height = 900 } });
        await page.SetContentAsync("<!doctype html><html><body style='margin:0;background:#f5f5f5;font-family:sans-serif'><div id='card' style='width:520px;padding:12px;background:#fff'></div></body></html>");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = RendererScript });
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = RenderFunction });
        return page;
    }

    private static string RendererScript
    {
        get
        {
            var path = Path.Combine(Path.GetDirectoryName(BrowserHost.ArtifactsDirectory)!, "..", "tests", "SupportBot.BrowserTests", "cards", "node_modules", "adaptivecards", "dist", "adaptivecards.min.js");
            return File.Exists(path) ? Path.GetFullPath(path) : throw new InvalidOperationException($"No renderer at {path}: run npm ci in tests/SupportBot.BrowserTests/cards (.ci/run does).");
        }
    }

    // Parses at the version the card declares, collects every event of parsing and of validation, and renders.
    private const string RenderFunction = """
        window.renderCard = (text) => {
          const json = JSON.parse(text);
          const version = AdaptiveCards.Versions['v' + String(json.version).replace('.', '_')];
          const context = new AdaptiveCards.SerializationContext(version);
          const card = new AdaptiveCards.AdaptiveCard();
          card.parse(json, context);
          const events = [];
          if (!version) events.push('unknown version ' + json.version);
          for (let i = 0; i < context.eventCount; i++) {
            const e = context.getEventAt(i);
            events.push('parse ' + AdaptiveCards.ValidationEvent[e.event] + ': ' + e.message);
          }
          for (const e of card.validateProperties().validationEvents) {
            events.push('validate ' + AdaptiveCards.ValidationEvent[e.event] + ': ' + e.message);
          }
          const host = document.getElementById('card');
          host.innerHTML = '';
          const element = card.render();
          if (element) host.appendChild(element);
          return { events, rendered: !!element };
        };
        """;
}
