using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Targets;

namespace Coverage.Silo.Analytics;

/// <summary>Reads org summaries from the grains' memory, with target attainment added where targets are set.</summary>
public sealed class SummaryReader(IGrainFactory grains, IOrgDirectory directory, AttainmentCalculator attainment)
{
    public async Task<OrgSummary> GetAsync(string code) =>
        await attainment.EnrichAsync(await grains.GetGrain<IOrgGrain>(code).GetSummary());

    public Task<OrgSummary[]> GetManyAsync(IEnumerable<OrgInfo> orgs) => Task.WhenAll(orgs.Select(o => GetAsync(o.Code)));

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
