using Microsoft.Extensions.Options;
using SupportBot.Common;
using SupportBot.Knowledge.Search;
using SupportBot.Tickets;

namespace SupportBot.Knowledge;

/// <summary><c>Knowledge</c> section.</summary>
internal sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The search index's folder; empty means beside the database file (its path plus <c>.kb-index</c>).</summary>
    public string IndexPath { get; init; } = "";

    /// <summary>How sure a search must be (0–1) before the intake offers an article.</summary>
    public double OfferConfidence { get; init; } = 0.75;

    /// <summary>How sure a search must be (0–1) before an engineer's ticket card lists an article or ticket as a known case.</summary>
    public double CardConfidence { get; init; } = 0.45;
}

internal sealed class KnowledgeOptionsValidator : OptionsValidator<KnowledgeOptions>
{
    protected override void Validate(KnowledgeOptions options, List<string> errors)
    {
        foreach (var (name, value) in new[] { (nameof(KnowledgeOptions.OfferConfidence), options.OfferConfidence), (nameof(KnowledgeOptions.CardConfidence), options.CardConfidence) })
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                errors.Add($"{KnowledgeOptions.SectionName}:{name} must be between 0 and 1, not {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }
        }

        if (options.IndexPath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"{KnowledgeOptions.SectionName}:IndexPath must be a folder path, not '{options.IndexPath}'.");
        }
    }
}

internal static class KnowledgeExtensions
{
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddValidatedOptions<KnowledgeOptions, KnowledgeOptionsValidator>(KnowledgeOptions.SectionName);
        services.AddSingleton<KnowledgeSlots>();
        services.AddSingleton<IProblemReader>(provider => provider.GetRequiredService<KnowledgeSlots>());
        services.AddSingleton<DeflectionStats>();
        services.AddSingleton(provider => new KnowledgeIndex(
            IndexFolder(provider),
            provider.GetRequiredService<KnowledgeSlots>(),
            provider.GetRequiredService<ILogger<KnowledgeIndex>>()));
        services.AddSingleton<IKnowledgeSearch>(provider => provider.GetRequiredService<KnowledgeIndex>());
        services.AddSingleton<IKnowledgeChangeListener>(provider => provider.GetRequiredService<KnowledgeIndex>());
        services.AddSingleton<ITicketChangeListener>(provider => provider.GetRequiredService<KnowledgeIndex>());
        services.AddHostedService<KnowledgeIndexHost>();
        return services;
    }

    private static string IndexFolder(IServiceProvider provider)
    {
        var configured = provider.GetRequiredService<IOptions<KnowledgeOptions>>().Value.IndexPath;
        var root = provider.GetRequiredService<IHostEnvironment>().ContentRootPath;
        return configured is { Length: > 0 }
            ? Path.Combine(root, configured)
            : provider.GetRequiredService<IOptions<StorageOptions>>().Value.DatabaseFileIn(root) + ".kb-index";
    }
}

/// <summary>
/// Brings the index up to date with the store when the app starts, indexes changed tickets every second, and commits
/// every minute and at the end, so what a restart must catch up on stays small.
/// </summary>
internal sealed partial class KnowledgeIndexHost(KnowledgeIndex index, IKnowledgeStore store, ITicketStore tickets, TimeProvider time, ILogger<KnowledgeIndexHost> log) : BackgroundService
{
    private const int RecentTickets = 1000;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var from = index.Complete;
        var indexed = index.CatchUp(store.ChangedSince(from));
        CaughtUp(log, indexed, from, index.Count);
        try
        {
            index.CatchUpTickets(tickets.Query(new TicketQuery { Limit = RecentTickets }));
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Similar tickets are a convenience derived from the store: tickets it cannot read must not stop the start.
            TicketsNotIndexed(log, error);
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Changed tickets wait in memory until indexed: every second keeps that queue a second long under a filing
        // peak (a minute of tickets held as whole objects was the alternative), and one commit a minute keeps disk work low.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            for (var tick = 1L; await timer.WaitForNextTickAsync(stoppingToken); tick++)
            {
                try
                {
                    if (tick % 60 == 0)
                    {
                        index.Commit();
                    }
                    else
                    {
                        index.IndexPendingTickets();
                    }
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    // The index is derived from the store and can be rebuilt: a failing pass must not stop the host.
                    MaintenanceFailed(log, error);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the index commits once more when it is disposed.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Knowledge index: indexing or committing failed; trying again in a second")]
    private static partial void MaintenanceFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recent tickets could not be indexed for similar-ticket search at start")]
    private static partial void TicketsNotIndexed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge index: {Indexed} article(s) changed after sequence {From} indexed at start; {Count} in the index")]
    private static partial void CaughtUp(ILogger logger, int indexed, long from, int count);
}
