using Coverage.Silo.Audit;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coverage.Tests.Storage;

public sealed class AuditTimeRangeTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-01T00:00:00+08:00");
    private static readonly string[] Orgs = ["450102", "450103", "450105", "450107", "450108"];
    private const string Rare = "450109";

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ReadsFindEveryEntryTheySelectWhileTimesRunOutOfIdOrderWithinTheSlack(StorageProvider provider)
    {
        await using var silo = await SiloHost.StartAsync(provider);
        var random = new Random(20261207);
        // A minute apart, each late by up to 50 minutes: later ids often carry earlier times.
        var lateness = TimeSpan.FromMinutes(50);
        Assert.True(lateness < AuditIdBounds.Slack);
        var times = Enumerable.Range(0, 20_000)
            .Select(i => Start.AddMinutes(i).AddMilliseconds(Math.Floor(lateness.TotalMilliseconds * random.NextDouble())))
            .ToArray();
        // One org of the six writes rarely, so a read of it alone passes over many windows of ids finding nothing.
        var (log, entries) = await AppendAsync(silo, times, i => i % 997 == 0 ? Rare : Orgs[i % Orgs.Length]);
        string[] all = [.. Orgs, Rare];
        // Reads that start with a few ids cross many windows, each edge an id a read could drop.
        var narrow = new AuditLog(silo.Services.GetRequiredService<Database>(), silo.Services.GetRequiredService<GroupCommitter>(), TimeProvider.System)
        {
            FirstWindow = 3,
        };

        for (var round = 0; round < 150; round++)
        {
            var from = round % 5 == 0 ? (DateTimeOffset?)null : Moment(random, entries);
            var to = round % 7 == 0 ? (DateTimeOffset?)null : (from ?? Start) + TimeSpan.FromMinutes(random.Next(0, 600));
            var orgs = round % 3 == 0 ? null : round % 4 == 1 ? [Rare] : all.Where(_ => random.Next(2) == 0).ToArray();
            // Without a list of orgs, the caller may filter them as they are read.
            Func<string, bool> includes = round % 6 == 0 ? code => code != Orgs[1] : _ => true;
            var newestFirst = round % 2 == 0;
            var expected = entries
                .Where(e => (from is null || e.At >= from) && (to is null || e.At <= to) && (orgs is null || orgs.Contains(e.OrgCode)) && includes(e.OrgCode))
                .Select(e => e.Id);
            var limit = from is not null && to is not null ? random.Next(1, 120) : random.Next(200, 1_500);
            var reader = round % 4 < 2 ? narrow : log;
            var read = await ReadAllAsync(reader, from, to, orgs, newestFirst, limit, includes);
            // As an export reads them: the range found once, then page after page, up to a count.
            var count = random.Next(2) == 0 ? long.MaxValue : random.Next(1, 3 * limit);
            var exported = await reader.ReadAllAsync(new AuditQuery(newestFirst ? long.MaxValue : 0, limit, orgs, From: from, To: to, NewestFirst: newestFirst),
                count, includes, CancellationToken.None).Select(e => e.Id).ToListAsync();

            var inOrder = (newestFirst ? expected.Reverse() : expected).ToList();
            Assert.Equal(inOrder, read.Select(e => e.Id));
            Assert.Equal(inOrder.Take((int)Math.Min(count, inOrder.Count)), exported);
        }
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ADayOfALongLogIsReadFromAnHourBeforeItToAnHourAfterIt(StorageProvider provider)
    {
        await using var silo = await SiloHost.StartAsync(provider);
        var (_, entries) = await AppendAsync(silo, [.. Enumerable.Range(0, 3 * 24 * 60).Select(i => Start.AddMinutes(i))], _ => Orgs[0]);
        var (day, end) = (Start.AddDays(1), Start.AddDays(2).AddTicks(-1));
        await using var connection = await silo.Services.GetRequiredService<Database>().OpenAsync();
        var last = await AuditIdBounds.LastIdAsync(connection, CancellationToken.None);

        var below = await AuditIdBounds.BelowAsync(connection, day, 0, last, CancellationToken.None);
        var above = await AuditIdBounds.AboveAsync(connection, end, long.MaxValue, CancellationToken.None);

        Assert.Equal(day - AuditIdBounds.Slack - TimeSpan.FromMinutes(1), entries.Single(e => e.Id == below).At);
        Assert.Equal(day.AddDays(1) + AuditIdBounds.Slack, entries.Single(e => e.Id == above).At);
        Assert.Equal(0, await AuditIdBounds.BelowAsync(connection, Start, 0, last, CancellationToken.None));
        Assert.Equal(long.MaxValue, await AuditIdBounds.AboveAsync(connection, entries[^1].At - TimeSpan.FromMinutes(30), long.MaxValue, CancellationToken.None));
        Assert.Equal(below + 100, await AuditIdBounds.BelowAsync(connection, day, below + 100, last, CancellationToken.None));
        Assert.Equal(long.MaxValue, await AuditIdBounds.AboveAsync(connection, end, above - 100, CancellationToken.None));
        Assert.Equal(above, await AuditIdBounds.AboveAsync(connection, end, above + 100, CancellationToken.None));
    }

    /// <summary>Entries recorded at the given times, in that order, committed at once; what they were stored as.</summary>
    private static async Task<(AuditLog Log, List<AuditEntry> Entries)> AppendAsync(SiloHost silo, DateTimeOffset[] times, Func<int, string> org)
    {
        var clock = new TestClock(times[0]);
        var log = new AuditLog(silo.Services.GetRequiredService<Database>(), silo.Services.GetRequiredService<GroupCommitter>(), clock);
        var statements = times.Select((time, i) =>
        {
            clock.Set(time);
            return log.StatementFor(new AuditRecord("key", "450100", org(i), AuditActions.FiguresPut, $$"""{"n":{{i}}}"""));
        }).ToList();
        await silo.Services.GetRequiredService<GroupCommitter>().WriteAllAsync(statements);
        var entries = await ReadAllAsync(log, null, null, null, newestFirst: false, limit: 1000);
        Assert.Equal(times.Select(t => t.UtcTicks), entries.Select(e => e.At.UtcTicks));
        return (log, entries);
    }

    private static async Task<List<AuditEntry>> ReadAllAsync(AuditLog log, DateTimeOffset? from, DateTimeOffset? to, string[]? orgs, bool newestFirst, int limit,
        Func<string, bool>? includes = null)
    {
        var entries = new List<AuditEntry>();
        var cursor = newestFirst ? long.MaxValue : 0;
        while (true)
        {
            var page = await log.ReadAsync(new AuditQuery(cursor, limit, orgs, From: from, To: to, NewestFirst: newestFirst), includes ?? (_ => true), CancellationToken.None);
            entries.AddRange(page);
            if (page.Count < limit)
                return entries;
            cursor = page[^1].Id;
        }
    }

    /// <summary>An entry's own time now and then, so the edges of a range are met exactly; else a moment among them.</summary>
    private static DateTimeOffset Moment(Random random, List<AuditEntry> entries) => random.Next(3) == 0
        ? entries[random.Next(entries.Count)].At
        : Start + TimeSpan.FromMinutes(random.Next(-120, entries.Count + 120));
}
