using System.Collections.Concurrent;
using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Targets;

namespace Coverage.Silo.Analytics;

/// <summary>Reads org summaries from the grains' memory, with target attainment added where targets are set.</summary>
public sealed class SummaryReader(IGrainFactory grains, IOrgDirectory directory, AttainmentCalculator attainment)
{
    /// <summary>
    /// References to the division orgs (nation to county, a few thousand), kept so a read skips making a reference and
    /// finding the activation; grassroots unions, millions nationally, get a fresh reference each time.
    /// </summary>
    private readonly ConcurrentDictionary<string, IOrgGrain> _divisions = new();

    public Task<OrgSummary> GetAsync(string code) => GetAsync(grains.GetGrain<IOrgGrain>(code));

    /// <summary>All reads start before any is awaited, so orgs that must first load their state load side by side.</summary>
    public Task<OrgSummary[]> GetManyAsync(IReadOnlyList<OrgInfo> orgs)
    {
        var reads = new Task<OrgSummary>[orgs.Count];
        var done = true;
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = GetAsync(orgs[i].Level == OrgLevel.Grassroots
                ? grains.GetGrain<IOrgGrain>(orgs[i].Code)
                : _divisions.GetOrAdd(orgs[i].Code, grains.GetGrain<IOrgGrain>));
            done &= reads[i].IsCompletedSuccessfully;
        }
        return done ? Task.FromResult(Array.ConvertAll(reads, r => r.Result)) : Task.WhenAll(reads);
    }

    private Task<OrgSummary> GetAsync(IOrgGrain grain)
    {
        var read = grain.GetSummary();
        return read.IsCompletedSuccessfully ? attainment.EnrichAsync(read.Result) : EnrichWhenReadAsync(read);
    }

    private async Task<OrgSummary> EnrichWhenReadAsync(Task<OrgSummary> read) => await attainment.EnrichAsync(await read);

    /// <summary>Every org at <paramref name="level"/> below <paramref name="code"/>, walking down the tree, not across it.</summary>
    public IReadOnlyList<OrgInfo> Descendants(string code, OrgLevel level)
    {
        var found = new List<OrgInfo>();
        var next = new Queue<OrgInfo>(directory.ChildrenOf(code));
        while (next.TryDequeue(out var org))
        {
            if (org.Level == level)
                found.Add(org);
            else if (org.Level < level)
                foreach (var child in directory.ChildrenOf(org.Code))
                    next.Enqueue(child);
        }
        return found;
    }
}
