using Coverage.Contracts;
using Coverage.Silo.Storage;
using Dapper;

namespace Coverage.Silo.Hierarchy;

/// <summary>Orgs registered at run time (grassroots unions): stored durably, then added to the directory.</summary>
public sealed class OrgRegistry(Database database, GroupCommitter committer, OrgDirectory directory, TimeProvider clock)
{
    public async Task LoadAsync()
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<(string Code, string Name, string Level, string Kind, string ParentCode)>(
            "SELECT code, name, level, kind, parent_code FROM orgs ORDER BY registered_at, code");
        directory.PutMany(rows.Where(r => directory.Find(r.ParentCode) is not null)
            .Select(row => new OrgInfo(row.Code, row.Name, Enum.Parse<OrgLevel>(row.Level, true), Enum.Parse<OrgKind>(row.Kind, true), row.ParentCode)));
    }

    public async Task PutAsync(OrgInfo org)
    {
        var registeredAt = clock.GetUtcNow();
        await committer.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            """
            INSERT INTO orgs (code, name, level, kind, parent_code, registered_at)
            VALUES (@Code, @Name, @level, @kind, @ParentCode, @registeredAt)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind
            """,
            new { org.Code, org.Name, level = Level(org.Level), kind = Level(org.Kind), org.ParentCode, registeredAt }, transaction));
        directory.Put(org);
    }

    private static string Level<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();
}
