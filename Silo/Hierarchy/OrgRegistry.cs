using Coverage.Contracts;
using Coverage.Silo.Storage;
using Dapper;

namespace Coverage.Silo.Hierarchy;

/// <summary>Orgs registered at run time (federations that are not divisions, grassroots unions): stored durably, then added to the directory.</summary>
public sealed class OrgRegistry(Database database, GroupCommitter committer, OrgDirectory directory, TimeProvider clock)
{
    private const string Upsert = """
        INSERT INTO orgs (code, name, level, kind, parent_code, registered_at) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
        ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind
        """;

    public async Task LoadAsync()
    {
        // Read as consumed: a national tree's rows are held only as the orgs they make.
        var registered = new List<OrgInfo>();
        await using (var connection = await database.OpenAsync())
        {
            await foreach (var row in connection.QueryUnbufferedAsync<(string Code, string Name, string Level, string Kind, string ParentCode)>(
                "SELECT code, name, level, kind, parent_code FROM orgs ORDER BY registered_at, code"))
                registered.Add(new OrgInfo(row.Code, row.Name, Enum.Parse<OrgLevel>(row.Level, true), Enum.Parse<OrgKind>(row.Kind, true), row.ParentCode));
        }
        directory.PutMany(ParentsFirst(registered));
    }

    /// <summary>
    /// The orgs whose chain reaches the directory, each after its parent: registered orgs may hang under registered orgs,
    /// and the order registered is only as good as the clock was.
    /// </summary>
    private IEnumerable<OrgInfo> ParentsFirst(List<OrgInfo> registered)
    {
        // Only federations are ever parents, so the millions of grassroots unions are not held twice.
        var placedFederations = new HashSet<string>(StringComparer.Ordinal);
        for (var pending = registered; pending.Count > 0;)
        {
            var waiting = new List<OrgInfo>();
            foreach (var org in pending)
            {
                if (directory.Find(org.ParentCode!) is null && !placedFederations.Contains(org.ParentCode!))
                {
                    waiting.Add(org);
                    continue;
                }
                if (org.Level != OrgLevel.Grassroots)
                    placedFederations.Add(org.Code);
                yield return org;
            }
            if (waiting.Count == pending.Count)
                yield break;
            pending = waiting;
        }
    }

    public Task PutAsync(OrgInfo org) => PutAllAsync([org], []);

    /// <summary>Stores the orgs, and the statements given with them, in one transaction; then adds the orgs to the directory.</summary>
    public async Task PutAllAsync(IReadOnlyList<OrgInfo> orgs, IEnumerable<Statement> with)
    {
        var registeredAt = clock.GetUtcNow();
        await committer.WriteAllAsync([
            .. orgs.Select(org => new Statement(Upsert, org.Code, org.Name, Level(org.Level), Level(org.Kind), org.ParentCode, registeredAt)),
            .. with]);
        directory.PutMany(orgs);
    }

    private static string Level<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();
}
