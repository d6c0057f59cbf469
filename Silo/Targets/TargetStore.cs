using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Coverage.Contracts;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Runtime;
using Coverage.Silo.Storage;
using Dapper;

namespace Coverage.Silo.Targets;

/// <summary>Yearly targets per org: stored durably, read from memory (all of them are loaded on first use).</summary>
public sealed class TargetStore(Database database, GroupCommitter committer, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string Code, int Year), OrgTargets> _targets = new();
    private readonly Lock _loadLock = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private Task? _loading;

    public async Task<OrgTargets?> FindAsync(string code, int year)
    {
        await LoadedAsync();
        return _targets.GetValueOrDefault((code, year));
    }

    /// <summary>
    /// Replaces all targets of the org for the year, in one transaction with <paramref name="recorded"/>: its audit entry;
    /// null when the org was deregistered before the write committed.
    /// </summary>
    public async Task<OrgTargets?> PutAsync(string code, int year, IReadOnlyDictionary<string, double> targets, Func<OrgTargets, Statement> recorded) =>
        (await PutManyAsync([(code, year, targets)], recorded))?[0];

    /// <summary>
    /// Replaces all targets of each org for its year, every one of them with its audit entry in one transaction; without
    /// <paramref name="recorded"/> (the demo's own targets) no entry is written. Null, with nothing written, when one of the
    /// orgs was deregistered before the write committed: the caller checked it exists, but its deregistration may come between.
    /// </summary>
    public async Task<IReadOnlyList<OrgTargets>?> PutManyAsync(IReadOnlyList<(string Code, int Year, IReadOnlyDictionary<string, double> Targets)> sets,
        Func<OrgTargets, Statement>? recorded)
    {
        await LoadedAsync();
        var setAt = clock.GetUtcNow();
        var stored = sets.Select(s => new OrgTargets(s.Code, s.Year, s.Targets, setAt)).ToList();
        // One write at a time, so what memory holds last is what the database committed last.
        await _writing.WaitAsync();
        try
        {
            try
            {
                await committer.WriteAllAsync(stored.SelectMany(set => recorded is null ? [Upsert(set)] : new[] { Upsert(set), recorded(set) }));
            }
            catch (WriteConflictException)
            {
                return null;
            }
            foreach (var set in stored)
                _targets[(set.Code, set.Year)] = set;
        }
        finally
        {
            _writing.Release();
        }
        return stored;
    }

    /// <summary>
    /// Targets of deregistered orgs, whose rows their deregistration deleted: registered again, they start without any. Waits
    /// for a write under way, which may have committed before the deregistration; any later one finds the org retired.
    /// </summary>
    public async Task ForgetAsync(IReadOnlyCollection<string> codes)
    {
        await _writing.WaitAsync();
        try
        {
            foreach (var key in _targets.Keys.Where(key => codes.Contains(key.Code)))
                _targets.TryRemove(key, out _);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Touches no row for a deregistered org, which sinks the whole write.</summary>
    private Statement Upsert(OrgTargets set) => new(
        $"""
        INSERT INTO org_targets (code, year, targets, set_at) SELECT @p0, @p1, {database.Dialect.JsonParameter("@p2")}, @p3
        {RetiredOrgs.WhereNotRetired("@p0")}
        ON CONFLICT (code, year) DO UPDATE SET targets = excluded.targets, set_at = excluded.set_at
        """,
        set.Code, set.Year, JsonSerializer.Serialize(set.Targets, StateJson.Options), set.SetAt);

    /// <summary>Loads once; a failed load is tried again by the next caller. Called on start so reads never wait on the database.</summary>
    public Task LoadedAsync()
    {
        // Once loaded, every summary read passes here; it should not take a lock.
        if (Volatile.Read(ref _loading) is { IsCompletedSuccessfully: true } loaded)
            return loaded;
        lock (_loadLock)
        {
            if (_loading is null || _loading.IsFaulted)
                _loading = LoadAsync();
            return _loading;
        }
    }

    private async Task LoadAsync()
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<(string Code, int Year, string Targets, string SetAt)>(
            "SELECT code, year, CAST(targets AS TEXT), CAST(set_at AS TEXT) FROM org_targets");
        foreach (var row in rows)
        {
            var targets = JsonSerializer.Deserialize<Dictionary<string, double>>(row.Targets, StateJson.Options)!;
            _targets.TryAdd((row.Code, row.Year), new OrgTargets(row.Code, row.Year, targets, DateTimeOffset.Parse(row.SetAt, CultureInfo.InvariantCulture)));
        }
    }
}
