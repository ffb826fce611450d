using System.Globalization;
using System.Text.Json;
using Npgsql;
using SupportBot.BotFramework.State;
using SupportBot.Storage.Postgres;
using SupportBot.Tickets;

namespace SupportBot.Tests.Storage.Contract;

/// <summary>
/// What only a shared database can get wrong: two SupportBot instances on one PostgreSQL database starting, numbering
/// and changing the same things at once.
/// </summary>
public sealed class PostgreSqlInstancesTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 11, 23);
    private readonly PostgreSqlUnderTest _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Two_instances_starting_at_once_apply_each_migration_once()
    {
        var fresh = PgTestCluster.Instance.CreateDatabase();
        await using var first = NpgsqlDataSource.Create(fresh);
        await using var second = NpgsqlDataSource.Create(fresh);

        var applied = await Task.WhenAll(Task.Run(() => PgSchema.MigrateAsync(first)), Task.Run(() => PgSchema.MigrateAsync(second)));

        Assert.Equal(PgSchema.Migrations.Select(migration => migration.Version), applied.SelectMany(versions => versions).Order());
        Assert.Contains(applied, versions => versions.Count == 0);
        await using var count = first.CreateCommand("SELECT count(*) FROM schema_version");
        Assert.Equal((long)PgSchema.Migrations.Count, await count.ExecuteScalarAsync());
        Assert.Empty(await PgSchema.MigrateAsync(first));
    }

    [Fact]
    public async Task Two_instances_filing_at_once_never_give_one_number_twice_never_conflict_and_leave_no_gap()
    {
        var instances = new[] { _database.Instance(), _database.Instance() };

        // Each creation commits the first time: the serials are claimed in the database, so neither instance ever
        // picks one the other holds (a retried Submit under load was the cost of the earlier in-memory numbering).
        var filed = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => instances[i % 2].Tickets.CreateAsync(Day, serial => TestTickets.Ticket($"{serial}")))));

        var serials = filed.Select(ticket => int.Parse(ticket.Number, CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 200), serials);
        Assert.Equal(200, _database.Tickets.Query(new TicketQuery { Limit = 1000 }).Count);
    }

    [Fact]
    public async Task A_serial_held_by_an_instance_that_died_is_filed_again_at_once()
    {
        var other = _database.Instance();
        await using var source = _database.Source();
        var dying = new PgTicketSerials(source);
        var held = await dying.TakeAsync(Day);

        var meanwhile = await other.Tickets.CreateAsync(Day, serial => TestTickets.Ticket($"{serial}"));
        Assert.Equal(("1", "2"), ($"{held.Serial}", meanwhile.Number));

        // The instance is gone (its connections with it): its claim, two minutes from running out, is free now.
        dying.Dispose();
        var next = await _database.Tickets.CreateAsync(Day, serial => TestTickets.Ticket($"{serial}"));
        var after = await other.Tickets.CreateAsync(Day, serial => TestTickets.Ticket($"{serial}"));
        Assert.Equal(("1", "3"), (next.Number, after.Number));
    }

    [Fact]
    public async Task A_serial_held_past_its_lifetime_by_a_live_instance_is_filed_again()
    {
        await using var source = _database.Source();
        using var stuck = new PgTicketSerials(source);
        await stuck.TakeAsync(Day);

        // As the database sees it once the claim's two minutes have passed.
        await using (var age = source.CreateCommand("UPDATE ticket_serial_claims SET until = now() - interval '1 second' WHERE serial = 1"))
        {
            await age.ExecuteNonQueryAsync();
        }

        Assert.Equal("1", (await _database.Tickets.CreateAsync(Day, serial => TestTickets.Ticket($"{serial}"))).Number);
    }

    [Fact]
    public async Task A_creation_whose_claim_ran_out_and_was_taken_again_conflicts_instead_of_filing_one_number_twice()
    {
        var other = _database.Instance();
        await using var source = _database.Source();

        await Assert.ThrowsAsync<StorageConflictException>(() => Turns.RunAsync(_database.Commits, async () =>
        {
            var slow = await _database.Tickets.CreateAsync(Day, serial => TestTickets.Ticket($"{serial}"));
            await using (var age = source.CreateCommand("UPDATE ticket_serial_claims SET until = now() - interval '1 second'"))
            {
                await age.ExecuteNonQueryAsync();
            }

            var taker = await Task.Run(() => { using (SupportBot.Common.TurnWork.Enter(null)) { return other.Tickets.CreateAsync(Day, serial => TestTickets.Ticket($"{serial}")); } });
            Assert.Equal(slow.Number, taker.Number);
            return true;
        }));

        Assert.Equal(["1"], _database.Tickets.Query(new TicketQuery { Limit = 10 }).Select(ticket => ticket.Number));
        Assert.Equal("2", (await _database.Tickets.CreateAsync(Day, serial => TestTickets.Ticket($"{serial}"))).Number);
    }

    [Fact]
    public async Task Holes_the_earlier_numbering_left_today_are_filed_first_after_the_upgrade()
    {
        await using var source = _database.Source();
        await using (var today = source.CreateCommand("SELECT current_date"))
        {
            var day = (DateOnly)(await today.ExecuteScalarAsync())!;

            // The database as the earlier numbering left it: serials 1 and 3 committed, 2 taken by a creation that died.
            await using (var legacy = source.CreateCommand("""
                DROP TABLE ticket_serial_claims;
                DELETE FROM schema_version WHERE version = 19;
                INSERT INTO ticket_days (day, last) VALUES (@day, 3);
                INSERT INTO ticket_serials (day, serial, number) VALUES (@day, 1, '1'), (@day, 3, '3');
                """))
            {
                legacy.Parameters.AddWithValue("day", day);
                await legacy.ExecuteNonQueryAsync();
            }

            Assert.Equal([19], await PgSchema.MigrateAsync(source));
            var instance = _database.Instance();
            Assert.Equal(["2", "4"], [(await instance.Tickets.CreateAsync(day, serial => TestTickets.Ticket($"{serial}"))).Number, (await instance.Tickets.CreateAsync(day, serial => TestTickets.Ticket($"{serial}"))).Number]);
        }
    }

    [Fact]
    public async Task A_state_written_by_another_instance_between_read_and_commit_fails_the_turn_instead_of_being_overwritten()
    {
        var other = _database.Instance();
        const string key = "msteams/conversations/a:chat-1";
        var etag = (await _database.States.WriteAsync(Item(key, """{"v":1}""", null)))[key];

        await Assert.ThrowsAsync<StorageConflictException>(() => Turns.RunAsync(_database.Commits, async () =>
        {
            await _database.States.WriteAsync(Item(key, """{"v":"A"}""", etag));
            await Task.Run(async () =>
            {
                using (SupportBot.Common.TurnWork.Enter(null))
                {
                    await other.States.WriteAsync(Item(key, """{"v":"B"}""", etag));
                }
            });
            return true;
        }));

        Assert.Equal("""{"v":"B"}""", (await _database.States.ReadAsync([key]))[key].Document.GetRawText());
    }

    [Fact]
    public async Task A_ticket_changed_by_another_instance_is_a_conflict_in_or_out_of_a_turn()
    {
        var other = _database.Instance();
        var original = await _database.Tickets.CreateAsync(Day, _ => TestTickets.Ticket());

        await Assert.ThrowsAsync<StorageConflictException>(() => Turns.RunAsync(_database.Commits, async () =>
        {
            Assert.Equal(TicketUpdateOutcome.Saved, _database.Tickets.TryUpdate(original with { Title = "A" }).Outcome);
            await Task.Run(() => { using (SupportBot.Common.TurnWork.Enter(null)) { other.Tickets.TryUpdate(original with { Title = "B" }); } });
            return true;
        }));
        var stale = _database.Tickets.TryUpdate(original with { Title = "C" });

        Assert.Equal((TicketUpdateOutcome.Conflict, "B"), (stale.Outcome, stale.Current!.Title));
        Assert.Equal(("B", 2), (_database.Tickets.Find(original.Number)!.Title, _database.Tickets.Find(original.Number)!.Version));
    }

    [Fact]
    public async Task A_form_filed_at_one_instance_is_refused_as_a_conflict_at_the_other_and_its_serial_is_not_lost()
    {
        var other = _database.Instance();
        await _database.Tickets.CreateAsync(Day, serial => TestTickets.Ticket($"{serial}") with { FormId = "form-7" });

        // The other instance's turn checked before the first committed and found no ticket of the form: the database refuses it.
        await Assert.ThrowsAsync<StorageConflictException>(() => Turns.RunAsync(other.Commits, () =>
            other.Tickets.CreateAsync(Day, serial => TestTickets.Ticket($"{serial}") with { FormId = "form-7" })));

        Assert.Single(_database.Tickets.Query(new TicketQuery { Limit = 10 }));
        var next = await other.Tickets.CreateAsync(Day, serial => TestTickets.Ticket($"{serial}"));
        Assert.Equal("2", next.Number);
    }

    [Fact]
    public async Task Two_instances_saving_articles_at_once_never_give_one_id_or_change_sequence_twice()
    {
        var instances = new[] { _database.Instance(), _database.Instance() };

        var saved = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => instances[i % 2].Knowledge.SaveAsync(Article($"article {i}")))));

        Assert.Equal(40, saved.Select(article => article!.Id).Distinct().Count());
        Assert.Equal(40, saved.Select(article => article!.Sequence).Distinct().Count());
        Assert.Equal(40, _database.Knowledge.All().Count());

        // An instance started later goes on after both, and an edit gets a change sequence after every save so far.
        var later = await _database.Instance().Knowledge.SaveAsync(Article("later"));
        Assert.Equal("KB-000041", later!.Id);
        var edited = await instances[0].Knowledge.SaveAsync(saved[1]! with { Text = saved[1]!.Text with { Solution = "edited" } });
        Assert.True(edited!.Sequence > later.Sequence);
    }

    private static Dictionary<string, StoreItem> Item(string key, string json, string? etag) =>
        new() { [key] = new StoreItem(JsonDocument.Parse(json).RootElement, etag) };

    private static SupportBot.Knowledge.KnowledgeArticle Article(string title) => new()
    {
        Id = "",
        Text = new SupportBot.Knowledge.ArticleText { Title = title, Problem = "VPN drops", Solution = "Reconnect", System = "VPN", Tags = ["vpn"] },
        Language = "en-US",
        Tickets = [],
        CreatedAt = TestClock.Start,
        UpdatedAt = TestClock.Start,
    };
}
