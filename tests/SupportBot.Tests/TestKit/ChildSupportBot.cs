using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SupportBot.BotFramework.Schema;
using Activity = SupportBot.BotFramework.Schema.Activity;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// SupportBot as its own process on 127.0.0.1, the way a fault reaches it: it can be killed with SIGKILL mid-turn
/// and started again on the same data file. Turns are posted as a channel would (web chat, expectReplies).
/// </summary>
internal sealed partial class ChildSupportBot : IBotEndpoint, IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _written;

    private ChildSupportBot(Process process, Uri baseAddress, System.Collections.Concurrent.ConcurrentQueue<string> written)
    {
        _process = process;
        _written = written;
        Address = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>Where it listens (a port of its own on 127.0.0.1).</summary>
    public Uri Address { get; }

    /// <summary>Its process id, to measure or kill it.</summary>
    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines it wrote (logs, errors), for a failure message that says why.</summary>
    public string RecentOutput(int lines = 40) => string.Join('\n', _written.TakeLast(lines));

    /// <summary>Raised for each line the process writes (standard output or error), after it is in <see cref="Output"/>.</summary>
    private event Action<string>? Wrote;

    /// <summary>Everything written so far (the last <see cref="MaxLines"/> lines), a line each.</summary>
    public IReadOnlyList<string> Output => [.. _written];

    /// <summary>Starts SupportBot on <paramref name="databasePath"/> and returns once it listens.</summary>
    public static async Task<ChildSupportBot> StartAsync(string databasePath, params string[] settings)
    {
        var process = Process.Start(Start(databasePath, settings))!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);

        // What it wrote, so that a start that fails says why in the test's own failure message.
        var written = new System.Collections.Concurrent.ConcurrentQueue<string>();
        ChildSupportBot? started = null;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                Remember(written, text);
                Volatile.Read(ref started)?.Wrote?.Invoke(text);
                if (ListeningOn().Match(text) is { Success: true } match)
                {
                    listening.TrySetResult(new Uri(match.Groups[1].Value));
                }
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                Remember(written, text);
                Volatile.Read(ref started)?.Wrote?.Invoke(text);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) =>
        {
            if (listening.Task.IsCompleted)
            {
                return; // it listened: this is the end of a run (a kill), not a failed start
            }

            // Exited can come before the last lines were read; the end of the streams makes them complete.
            process.WaitForExit(TimeSpan.FromSeconds(10));
            listening.TrySetException(new InvalidOperationException(
                $"SupportBot exited with {process.ExitCode} before it listened:\n{string.Join('\n', written.TakeLast(40))}"));
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new ChildSupportBot(process, await listening.Task.WaitAsync(TimeSpan.FromMinutes(1)), written);
        Volatile.Write(ref started, child);
        return child;
    }

    /// <summary>Runs SupportBot to its end (a start that is refused) and returns its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string databasePath, params string[] settings)
    {
        using var process = Process.Start(Start(databasePath, settings))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>One message (or card click) from a web customer; the bot's message replies.</summary>
    public Task<IReadOnlyList<Activity>> SendAsync(string customer, string activityId, string? text, JsonElement? click = null) =>
        PostTurnAsync(_http, SupportBot.IntakeLoadTest.IntakeScript.Turn(customer, activityId, text, click));

    /// <summary>Posts one activity with expectReplies to <c>/api/messages</c>; the message replies. Throws on an error status.</summary>
    public static async Task<IReadOnlyList<Activity>> PostTurnAsync(HttpClient http, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.PostAsJsonAsync("/api/messages", activity, BotJson.Options);
        response.EnsureSuccessStatusCode();
        var replies = (await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options))?.Activities ?? [];
        return [.. replies.Where(reply => reply.Type == ActivityTypes.Message)];
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>Posts an activity as its channel would; the response comes once the turn has ended.</summary>
    public Task<HttpResponseMessage> PostAsync(Activity activity) => _http.PostAsJsonAsync("/api/messages", activity, BotJson.Options);

    /// <summary>Completes when the process has written a line containing <paramref name="text"/> (now or before).</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Look(string line)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        }

        Wrote += Look;
        try
        {
            foreach (var line in _written)
            {
                Look(line);
            }

            await seen.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            Wrote -= Look;
        }
    }

    /// <summary>SIGTERM, as systemd, Docker or Kubernetes stop a service: an orderly shutdown.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no flush; whatever was not committed is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
        _http.Dispose();
    }

    private static ProcessStartInfo Start(string databasePath, string[] settings)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app, "--contentRoot", Path.GetDirectoryName(app)!, $"--Storage:DatabasePath={databasePath}", "--Urls=http://127.0.0.1:0", "--DirectLine:SigningKeyFile=" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        return start;
    }

    /// <summary>Keeps the last few hundred lines: a long run under load must not hold all it wrote.</summary>
    // Bounded so a long load run cannot grow the test host without end; far above what a start, a test's turns and a
    // shutdown write, so Output still holds everything a short run wrote (the secrets test reads it all).
    private const int MaxLines = 20_000;

    private static void Remember(System.Collections.Concurrent.ConcurrentQueue<string> written, string line)
    {
        written.Enqueue(line);
        while (written.Count > MaxLines && written.TryDequeue(out _))
        {
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
