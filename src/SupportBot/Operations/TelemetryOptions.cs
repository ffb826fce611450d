namespace SupportBot.Operations;

/// <summary>Configuration section <c>Telemetry</c>: what SupportBot exports. Read at registration (it decides what is registered).</summary>
internal sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// Serves the Prometheus scrape endpoint at <see cref="MetricsPath"/>. On by default, because an operator expects
    /// it; it answers only with the admin key (<c>X-Api-Key</c>, or <c>Authorization: Bearer</c>, which every
    /// Prometheus can send), because the counts by team and priority describe the service desk's workload to anyone
    /// who can reach the port. Without an admin key it is not served, like the admin API.
    /// </summary>
    public bool Prometheus { get; set; } = true;

    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>Writes finished spans to the console (for a trial); no trace exporter runs otherwise.</summary>
    public bool ConsoleTraces { get; set; }
}

/// <summary>Configuration section <c>Shutdown</c>: how long a stop may take before the host gives up waiting.</summary>
internal sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// Turns in flight finish (Kestrel drains) and the outbox's try on the wire gets its grace (5 s) within this;
    /// what is still running then is cut off. An orchestrator's kill follows a SIGTERM after 30 s (Kubernetes) or
    /// 90 s (systemd), so 10 s leaves room.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
