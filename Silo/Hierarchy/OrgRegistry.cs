using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Silo.Keys;
using Coverage.Silo.Runtime;
using Coverage.Silo.Storage;
using Dapper;

namespace Coverage.Silo.Hierarchy;

/// <summary>Orgs registered at run time (federations that are not divisions, grassroots unions): stored durably, then added to the directory.</summary>
public sealed class OrgRegistry(Database database, GroupCommitter committer, OrgDirectory directory, IGrainStateStore store, ApiKeyStore keys,
    TimeProvider clock)
{
    private const string Upsert = """
        INSERT INTO orgs (code, name, level, kind, parent_code, registered_at) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
        ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, retired_at = NULL
        """;

    public async Task LoadAsync()
    {
        // Read as consumed: a national tree's rows are held only as the orgs they make.
        var registered = new List<OrgInfo>();
        var deregistered = new List<OrgInfo>();
        await using (var connection = await database.OpenAsync())
        {
            await foreach (var row in connection.QueryUnbufferedAsync<(string Code, string Name, string Level, string Kind, string ParentCode, string State)>(
                "SELECT code, name, level, kind, parent_code, CASE WHEN retired_at IS NULL THEN 'registered' ELSE 'deregistered' END " +
                "FROM orgs ORDER BY registered_at, code"))
            {
                var org = new OrgInfo(row.Code, row.Name, Enum.Parse<OrgLevel>(row.Level, true), Enum.Parse<OrgKind>(row.Kind, true), row.ParentCode);
                (row.State == "registered" ? registered : deregistered).Add(org);
            }
        }
        directory.PutMany(ParentsFirst(registered));
        // Units deregistered before their federation was keep their place under it.
        var gone = deregistered.Select(org => org.Code).ToHashSet(StringComparer.Ordinal);
        directory.Deregister([.. deregistered.Where(org => directory.Find(org.ParentCode!) is not null || gone.Contains(org.ParentCode!))]);
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

    /// <summary>
    /// Deregisters orgs with nothing below them: marks them so, deletes their stored state, history and targets (registered
    /// again, a code starts afresh; the audit log keeps what was written), revokes their keys, and runs a
    /// statement <paramref name="with"/> makes of each, its last own figures and its revoked keys' ids, in one transaction;
    /// answers the revoked keys' ids. They leave the directory first, so no new call reaches them; <paramref name="settle"/>
    /// runs then, to let their activations write what they hold and go, before the figures are read. If anything fails they
    /// come back.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeregisterAllAsync(IReadOnlyList<OrgInfo> orgs, Func<Task> settle,
        Func<OrgInfo, Figures?, IReadOnlyList<string>, Statement> with)
    {
        directory.Deregister(orgs);
        try
        {
            await settle();
            var stored = await store.ReadStatesAsync<OrgState>(IOrgGrain.StateName, [.. orgs.Select(org => org.Code)]);
            var parameters = new
            {
                codes = database.Dialect.TextList([.. orgs.Select(org => org.Code)]),
                retiredAt = clock.GetUtcNow(),
                own = IOrgGrain.StateName,
                parts = IOrgGrain.PartsStateName,
            };
            var revoked = await committer.WriteAsync(async (connection, transaction) =>
            {
                await connection.ExecuteAsync($"UPDATE orgs SET retired_at = @retiredAt WHERE {database.Dialect.IsOneOf("code", "@codes")}", parameters, transaction);
                await connection.ExecuteAsync(
                    $"DELETE FROM grain_state WHERE (state_name = @own OR state_name = @parts) AND {database.Dialect.IsOneOf("grain_key", "@codes")}",
                    parameters, transaction);
                foreach (var table in (string[])["org_history", "org_targets"])
                    await connection.ExecuteAsync($"DELETE FROM {table} WHERE {database.Dialect.IsOneOf("code", "@codes")}", parameters, transaction);
                var keysOf = await ApiKeyStore.RevokeAllOfAsync(connection, transaction, parameters.codes, database.Dialect.IsOneOf("org_code", "@codes"),
                    parameters.retiredAt);
                foreach (var org in orgs)
                {
                    var statement = with(org, stored.GetValueOrDefault(org.Code)?.Own, [.. keysOf[org.Code]]);
                    await connection.ExecuteAsync(statement.Sql, Parameters(statement), transaction);
                }
                return keysOf.SelectMany(ids => ids).ToList();
            });
            keys.Forget(revoked);
            return revoked;
        }
        catch
        {
            directory.PutMany(orgs);
            throw;
        }
    }

    private static DynamicParameters Parameters(Statement statement)
    {
        var parameters = new DynamicParameters();
        for (var i = 0; i < statement.Values.Length; i++)
            parameters.Add($"p{i}", statement.Values[i]);
        return parameters;
    }

    private static string Level<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();
}
