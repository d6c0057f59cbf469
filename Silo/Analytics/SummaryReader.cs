using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Targets;

namespace Coverage.Silo.Analytics;

/// <summary>Reads org summaries from the grains' memory, with target attainment added where targets are set.</summary>
public sealed class SummaryReader(IGrainFactory grains, IOrgDirectory directory, AttainmentCalculator attainment)
{
    public Task<OrgSummary> GetAsync(string code)
    {
        var read = grains.GetGrain<IOrgGrain>(code).GetSummary();
        return read.IsCompletedSuccessfully ? attainment.EnrichAsync(read.Result) : EnrichWhenReadAsync(read);
    }

    /// <summary>All reads start before any is awaited, so orgs that must first load their state load side by side.</summary>
    public Task<OrgSummary[]> GetManyAsync(IReadOnlyList<OrgInfo> orgs)
    {
        var reads = new Task<OrgSummary>[orgs.Count];
        var done = true;
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = GetAsync(orgs[i].Code);
            done &= reads[i].IsCompletedSuccessfully;
        }
        return done ? Task.FromResult(Array.ConvertAll(reads, r => r.Result)) : Task.WhenAll(reads);
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
