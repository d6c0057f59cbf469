using System.Diagnostics.Metrics;

namespace Coverage.Silo.Hosting;

/// <summary>
/// The silo's instruments in the "Coverage" meter, for <c>dotnet-counters</c> or an OpenTelemetry exporter: what the
/// group committer commits and how long it takes, what waits for it, and how many grains are active.
/// </summary>
public sealed class SiloMetrics
{
    public const string MeterName = "Coverage";

    private readonly Meter _meter;
    private readonly Counter<long> _commits;
    private readonly Counter<long> _failedCommits;
    private readonly Histogram<int> _writesPerCommit;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _shedActivations;

    public SiloMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _commits = _meter.CreateCounter<long>("coverage.storage.commits", "{commit}", "Transactions the group committer committed");
        _failedCommits = _meter.CreateCounter<long>("coverage.storage.failed_commits", "{commit}",
            "Commits the database refused or could not take; their writes were retried alone or failed");
        _writesPerCommit = _meter.CreateHistogram<int>("coverage.storage.commit.writes", "{write}", "Writes sharing one commit");
        _commitDuration = _meter.CreateHistogram<double>("coverage.storage.commit.duration", "s", "Time from a commit's start to its acknowledgement");
        _shedActivations = _meter.CreateCounter<long>("coverage.grains.shed", "{activation}",
            "Idle activations collected before their age because more than GrainRuntime:MaxActivations were awake");
    }

    public void Committed(int writes, TimeSpan took)
    {
        _commits.Add(1);
        _writesPerCommit.Record(writes);
        _commitDuration.Record(took.TotalSeconds);
    }

    public void CommitFailed() => _failedCommits.Add(1);

    public void Shed(int activations) => _shedActivations.Add(activations);

    public void ObserveQueuedWrites(Func<int> queued) =>
        _meter.CreateObservableUpDownCounter("coverage.storage.queued_writes", queued, "{write}", "Writes waiting for the next commit");

    public void ObserveActivations(Func<int> active) =>
        _meter.CreateObservableUpDownCounter("coverage.grains.activations", active, "{activation}", "Grain activations in memory");
}
