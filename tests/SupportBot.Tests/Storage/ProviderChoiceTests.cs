namespace SupportBot.Tests.Storage;

/// <summary>
/// Choosing the storage engine (<c>Storage:Provider</c>). Must hold: PostgreSQL is never run half-way — without a
/// connection string, or with a server it cannot reach, the process refuses to start with one line, and the
/// connection string's password never appears in what it prints.
/// </summary>
public sealed class ProviderChoiceTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task PostgreSql_without_a_connection_string_is_refused_in_one_line()
    {
        var (exitCode, output) = await ChildSupportBot.RunToExitAsync(_database.Path, "--Storage:Provider=PostgreSql");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Storage:Provider is PostgreSql but ConnectionStrings:SupportBot is not set.", Assert.Single(output.Split('\n'), line => line.Contains("Storage:Provider", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_PostgreSql_server_that_cannot_be_reached_stops_the_start_in_one_line_without_the_password()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        // With the signing key PostgreSQL requires (a cluster's instances share one), so the database is what stops it.
        var (exitCode, output) = await ChildSupportBot.RunToExitAsync(
            _database.Path, "--Storage:Provider=PostgreSql", "--ConnectionStrings:SupportBot=Host=127.0.0.1;Port=1;Database=bot;Username=bot;Password=s3cret-pw",
            $"--DirectLine:SigningKey={SupportBotApplication.SharedSigningKey}");

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("cannot use PostgreSQL", StringComparison.Ordinal));
        Assert.Contains("127.0.0.1:1", line, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_that_is_no_engine_is_refused_in_one_line_naming_the_key()
    {
        var (exitCode, output) = await ChildSupportBot.RunToExitAsync(_database.Path, "--Storage:Provider=Postgres");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("'Storage:Provider'", Assert.Single(output.Split('\n'), line => line.Contains("Storage:Provider", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
