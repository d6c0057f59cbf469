using Coverage.Contracts;
using Coverage.Runtime;
using Microsoft.Extensions.Logging;

namespace Coverage.Grains;

/// <summary>
/// One union organisation. Its totals are its own figures plus its children's and stations' latest totals;
/// whenever they change it tells its parent and anyone watching. Own figures are written before the call returns;
/// reports from below are written behind, apart from them, since recovery can rebuild them from the children.
/// </summary>
public sealed class OrgGrain(
    IGrainContext context,
    [PersistentState(IOrgGrain.StateName)] IPersistentState<OrgState> state,
    [PersistentState(IOrgGrain.PartsStateName)] IPersistentState<OrgParts> parts,
    IOrgDirectory directory,
    IEnumerable<IOrgChangeSink> sinks,
    TimeProvider clock,
    ILogger<OrgGrain> logger) : IOrgGrain, IGrainBase
{
    /// <summary>Where someone watches live, a change should not wait for the push's own 250 ms spacing as well.</summary>
    private static readonly TimeSpan WatchedSpacing = TimeSpan.FromMilliseconds(5);

    /// <summary>Where nobody watches, only reads need the totals, and they recompute on demand.</summary>
    private static readonly TimeSpan UnwatchedSpacing = TimeSpan.FromMilliseconds(50);

    private const int RecomputeBurst = 4;
    private readonly UpwardReporter _reporter = new(context, () => Task.WhenAll(state.WriteStateAsync(), parts.WriteStateAsync()), logger);
    private readonly RecomputePacer _pacer = new(RecomputeBurst, clock);
    private readonly IOrgChangeSink[] _sinks = [.. sinks];
    private string[] _lineage = [];
    private OrgInfo _info = null!;
    private IOrgGrain? _parent;
    private Aggregate _totals = Aggregate.Empty;
    private RunningTotals _running = null!;
    private IDisposable? _recompute;
    private OrgSummary? _summary;
    private OrgInfo? _summaryInfo;
    private DateOnly _summaryDay;

    private OrgState State => state.State;

    private OrgParts Parts => parts.State;

    private DateOnly Today => ChinaClock.Today(clock);

    public Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _info = directory.Find(context.Key) ?? throw new OrgNotFoundException(context.Key);
        _parent = _info.ParentCode is { } parent ? context.GrainFactory.GetGrain<IOrgGrain>(parent) : null;
        _lineage = [.. Lineage()];
        _running = RunningTotals.Of(State, Parts);
        _totals = _running.ToAggregate(Today);
        // A report still failing when the last activation was collected would otherwise wait for the next change.
        if (State.Version > 0)
            ReportUp(new ChildTotals(context.Key, _totals, State.Version));
        return Task.CompletedTask;
    }

    public Task OnDeactivateAsync(CancellationToken cancellationToken)
    {
        RecomputeIfDue();
        return _reporter.FlushAsync(cancellationToken);
    }

    public Task<OrgSummary> GetSummary()
    {
        RecomputeIfDue();
        return Task.FromResult(Summary());
    }

    public async Task<OrgSummary> SetFigures(Figures figures)
    {
        if (State.Own is { } stored)
        {
            if (figures.AsOf < stored.AsOf)
                throw new StaleFiguresException(context.Key, stored.AsOf, figures.AsOf);
            if (figures.AsOf == stored.AsOf && figures.SameCountsAs(stored))
                return Summary();
        }
        var (previousOwn, previousVersion, previousUpdatedAt) = (State.Own, State.Version, State.UpdatedAt);
        var (previousAggregate, aggregate) = (State.OwnAggregate, Aggregate.Of(figures));
        State.Own = figures;
        _running.Replace(previousAggregate, aggregate);
        var totals = _running.ToAggregate(Today);
        var changed = !totals.SameAs(_totals);
        if (changed)
            Advance();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (State.Own, State.Version, State.UpdatedAt) = (previousOwn, previousVersion, previousUpdatedAt);
            _running.Replace(aggregate, previousAggregate);
            throw;
        }
        if (changed)
            TotalsChanged(totals, persistLater: false);
        else
            Publish(Summary());
        return Summary();
    }

    public Task ReportChild(ChildTotals report)
    {
        // A deregistered child's last report may still be on its way; it must not bring the child back.
        if ((Parts.Children.TryGetValue(report.Code, out var known) && known.Version >= report.Version) ||
            directory.Find(report.Code)?.ParentCode != context.Key)
            return Task.CompletedTask;
        Parts.Children[report.Code] = report;
        _running.Replace(known?.Totals, report.Totals);
        RecomputeSoon();
        return Task.CompletedTask;
    }

    public Task RemoveChildren(string[] codes)
    {
        foreach (var code in codes)
        {
            if (Parts.Children.Remove(code, out var known))
                _running.Replace(known.Totals, null);
        }
        RecomputeSoon();
        return Task.CompletedTask;
    }

    public Task ReportStation(StationTotals report)
    {
        if (Parts.Stations.TryGetValue(report.StationId, out var known) && known.Version >= report.Version)
            return Task.CompletedTask;
        Parts.Stations[report.StationId] = report;
        _running.Replace(known?.Totals, report.Totals);
        RecomputeSoon();
        return Task.CompletedTask;
    }

    public Task<OrgRollup> GetRollup()
    {
        RecomputeIfDue();
        return Task.FromResult(new OrgRollup(
            context.Key, State.OwnAggregate, Parts.Children.ToDictionary(), Parts.Stations.ToDictionary(), _totals, State.Version));
    }

    /// <summary>
    /// Publishes new totals at once while the pacer allows; otherwise one timer turn publishes whatever arrived meanwhile,
    /// so a busy province or the nation does not report upward and notify watchers for every county's change.
    /// </summary>
    private void RecomputeSoon()
    {
        if (_recompute is not null)
            return;
        var delay = _pacer.Delay(Watched() ? WatchedSpacing : UnwatchedSpacing);
        if (delay == TimeSpan.Zero)
        {
            Recompute();
            return;
        }
        _recompute = context.RegisterTimer(_ =>
        {
            RecomputeIfDue();
            return Task.CompletedTask;
        }, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Reads see every report already received, even before the recompute turn has run.</summary>
    private void RecomputeIfDue()
    {
        if (_recompute is null)
            return;
        _recompute.Dispose();
        _recompute = null;
        Recompute();
    }

    private void Recompute()
    {
        _pacer.Ran();
        var totals = _running.ToAggregate(Today);
        if (totals.SameAs(_totals))
        {
            _reporter.PersistLater();
            return;
        }
        Advance();
        TotalsChanged(totals, persistLater: true);
    }

    private bool Watched()
    {
        foreach (var sink in _sinks)
        {
            foreach (var code in _lineage)
            {
                if (sink.Watches(code))
                    return true;
            }
        }
        return false;
    }

    /// <summary>This org and every org above it: a change here reaches each of them.</summary>
    private IEnumerable<string> Lineage()
    {
        for (var org = _info; org is not null; org = org.ParentCode is { } parent ? directory.Find(parent) : null)
            yield return org.Code;
    }

    private void Advance()
    {
        State.Version++;
        State.UpdatedAt = clock.GetUtcNow();
    }

    private void TotalsChanged(Aggregate totals, bool persistLater)
    {
        _totals = totals;
        Publish(Summary());
        ReportUp(new ChildTotals(context.Key, totals, State.Version), persistLater);
    }

    /// <summary>Also for own figures that changed only their moment: watchers show when a county last reported.</summary>
    private void Publish(OrgSummary summary)
    {
        foreach (var sink in _sinks)
            sink.OrgChanged(summary);
    }

    private void ReportUp(ChildTotals report, bool persistLater = false) =>
        _reporter.Report(_parent is { } parent ? () => parent.ReportChild(report) : () => Task.CompletedTask, persistLater);

    /// <summary>The same instance until the org changes, so readers can tell an unchanged summary by reference.</summary>
    private OrgSummary Summary()
    {
        var today = Today;
        // Looked up each time, so a renamed grassroots union shows its new name without reactivation.
        var info = directory.Find(context.Key) ?? _info;
        if (_summary is { } kept && _summaryDay == today && ReferenceEquals(_summaryInfo, info) && kept.Version == State.Version &&
            ReferenceEquals(kept.Own, State.Own))
            return kept;
        (_summaryDay, _summaryInfo) = (today, info);
        return _summary = OrgSummaries.Of(info, State, _totals, today);
    }
}
