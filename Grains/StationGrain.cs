using Coverage.Contracts;
using Coverage.Runtime;
using Microsoft.Extensions.Logging;

namespace Coverage.Grains;

/// <summary>One service station: its registration and daily visits, reported to the org that runs it.</summary>
public sealed class StationGrain(
    IGrainContext context,
    [PersistentState(IStationGrain.StateName)] IPersistentState<StationState> state,
    TimeProvider clock,
    ILogger<StationGrain> logger) : IStationGrain, IGrainBase
{
    private readonly UpwardReporter _reporter = new(context, state.WriteStateAsync, logger);

    /// <summary>Tells the org a station moved away from that it left, sent and resent on its own like the reports to the new org.</summary>
    private readonly UpwardReporter _departure = new(context, state.WriteStateAsync, logger);

    private StationState State => state.State;

    private DateOnly Today => ChinaClock.Today(clock);

    /// <summary>A report still failing when the last activation was collected would otherwise wait for the next change.</summary>
    public Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Info is { } info)
            ReportToOrg(info);
        return Task.CompletedTask;
    }

    public async Task OnDeactivateAsync(CancellationToken cancellationToken)
    {
        await _departure.FlushAsync(cancellationToken);
        await _reporter.FlushAsync(cancellationToken);
    }

    public Task<StationSummary?> GetSummary() => Task.FromResult(State.Info is null ? null : Summary(State.Info));

    public Task<IReadOnlyList<DailyUsage>> GetUsage() => Task.FromResult<IReadOnlyList<DailyUsage>>(
    [
        .. Aggregate.OfStation(State.DailyVisits).TrimmedTo(Today).DailyVisits
            .Select(d => new DailyUsage(Aggregate.DateOf(d.Key), d.Value))
            .OrderBy(d => d.Date),
    ]);

    public async Task<StationSummary> Register(StationInfo info)
    {
        var previous = State.Info;
        if (previous is not null && previous.SameAs(info))
            return Summary(info);
        State.Info = info;
        await CommitAsync(() => { State.Info = previous; });
        if (previous is not null && previous.OrgCode != info.OrgCode)
        {
            var leaving = new StationTotals(context.Key, null, State.Version);
            var left = context.GrainFactory.GetGrain<IOrgGrain>(previous.OrgCode);
            _departure.Report(() => left.ReportStation(leaving), persistLater: false);
        }
        ReportToOrg(info);
        return Summary(info);
    }

    public async Task<StationSummary> ReportUsage(IReadOnlyList<DailyUsage> usage)
    {
        var info = State.Info ?? throw new StationNotRegisteredException(context.Key);
        var previous = new Dictionary<string, long>(State.DailyVisits);
        foreach (var day in usage)
            State.DailyVisits[Aggregate.Day(day.Date)] = day.Visits;
        var kept = Aggregate.OfStation(State.DailyVisits).TrimmedTo(Today).DailyVisits;
        State.DailyVisits = new Dictionary<string, long>(kept);
        if (State.DailyVisits.Count == previous.Count && State.DailyVisits.All(d => previous.TryGetValue(d.Key, out var v) && v == d.Value))
            return Summary(info);
        await CommitAsync(() => { State.DailyVisits = previous; });
        ReportToOrg(info);
        return Summary(info);
    }

    public async Task Close()
    {
        var info = State.Info ?? throw new StationNotRegisteredException(context.Key);
        var visits = State.DailyVisits;
        (State.Info, State.DailyVisits) = (null, []);
        await CommitAsync(() => { (State.Info, State.DailyVisits) = (info, visits); });
        var leaving = new StationTotals(context.Key, null, State.Version);
        var left = context.GrainFactory.GetGrain<IOrgGrain>(info.OrgCode);
        _departure.Report(() => left.ReportStation(leaving), persistLater: false);
    }

    private async Task CommitAsync(Action undo)
    {
        var (version, updatedAt) = (State.Version, State.UpdatedAt);
        State.Version++;
        State.UpdatedAt = clock.GetUtcNow();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            (State.Version, State.UpdatedAt) = (version, updatedAt);
            throw;
        }
    }

    /// <summary>Reports a copy of the visits: the org reads them in its own turns while this grain goes on changing its own.</summary>
    private void ReportToOrg(StationInfo info)
    {
        var report = new StationTotals(context.Key, Aggregate.OfStation(CompactMap<long>.Of(State.DailyVisits)), State.Version);
        _reporter.Report(() => context.GrainFactory.GetGrain<IOrgGrain>(info.OrgCode).ReportStation(report), persistLater: false);
    }

    private StationSummary Summary(StationInfo info)
    {
        var visits = Aggregate.OfStation(State.DailyVisits).ToTotals(Today).StationVisits;
        return new StationSummary(context.Key, info.OrgCode, info.Name, info.Lat, info.Lon, info.Open24h, info.Smart, info.Amenities,
            visits, State.Version, State.UpdatedAt);
    }
}
