using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace SupportBot.BrowserTests;

/// <summary>
/// SupportBot on a real loopback port (Kestrel, not the in-memory test server: a browser needs a socket), with its
/// own database and uploads, and Debian's chromium driven by Playwright. One per test class.
/// </summary>
public sealed class BrowserHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>
    /// Waits, as a person does, until the bot has greeted in the widget. Words typed before Web Chat has connected
    /// are lost: Enter lands on the transcript and opens the widget's keyboard help instead of sending (seen in CI).
    /// </summary>
    public static Task GreetedAsync(IPage page) =>
        Assertions.Expect(page.Locator(".webchat__bubble__content", new() { HasText = "SupportBot" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });

    private readonly string _data = Path.Combine(Path.GetTempPath(), $"supportbot-browser-{Guid.NewGuid():N}");
    private IPlaywright? _playwright;

    /// <summary>The administrators' key of this host: tests seed data (knowledge articles) and check the store through the admin API.</summary>
    public const string AdminKey = "browser-admin-key-2c9e";

    public BrowserHost() => UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>Where screenshots go: <c>artifacts/browser</c> at the repository root, kept after the run.</summary>
    public static string ArtifactsDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SupportBot.sln")))
            {
                directory = directory.Parent;
            }

            var artifacts = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "artifacts", "browser");
            Directory.CreateDirectory(artifacts);
            return artifacts;
        }
    }

    public async Task InitializeAsync()
    {
        StartServer();
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"No chromium at {chromium}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH; .ci/run does this.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <summary>A client of the real server that sends the admin key.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await DisposeAsync();
        DeleteData();
    }

    /// <summary>
    /// The app's entry point finishes disposing on its own thread after DisposeAsync returns, and the knowledge index
    /// writes its last commit beside the database then: a delete meanwhile finds the folder not empty. Tried a few times;
    /// a folder still busy is left in the temp directory rather than failing the run over cleanup.
    /// </summary>
    private void DeleteData()
    {
        for (var tries = 0; tries < 20 && Directory.Exists(_data); tries++)
        {
            try
            {
                Directory.Delete(_data, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DatabasePath", Path.Combine(_data, "supportbot.db"));
        builder.UseSetting("Admin:ApiKey", AdminKey);
        builder.UseSetting("DirectLine:SigningKeyFile", "");
        builder.UseSetting("DirectLine:UploadDirectory", Path.Combine(_data, "uploads"));
    }
}
