using System.Data.Common;
using Coverage.Silo.Storage;

namespace Coverage.Bench.Audit;

/// <summary>
/// Fills the audit log with figure writes spread evenly over the days before now, the counties taking turns, in chunks so
/// the progress shows; rows are made by the database itself, since sending millions through a driver would take longer
/// than the reads measured.
/// </summary>
public static class AuditLogFill
{
    private const int Chunk = 1_000_000;

    public static async Task RunAsync(Database database, IReadOnlyList<string> counties, long rows, DateTimeOffset first, DateTimeOffset last)
    {
        await using var connection = await database.OpenAsync();
        await ExecuteAsync(connection, "CREATE TEMPORARY TABLE bench_codes (n INTEGER PRIMARY KEY, code TEXT NOT NULL)");
        for (var i = 0; i < counties.Count; i++)
            await ExecuteAsync(connection, "INSERT INTO bench_codes (n, code) VALUES (@n, @code)", ("@n", i), ("@code", counties[i]));
        var step = (last - first).TotalSeconds / rows;
        for (long start = 0; start < rows; start += Chunk)
        {
            var end = Math.Min(rows, start + Chunk);
            await ExecuteAsync(connection, database.Dialect.Provider == StorageProvider.Sqlite ? SqliteRows : PostgresRows,
                ("@start", start), ("@end", end), ("@first", first.ToUnixTimeSeconds()), ("@step", step), ("@codes", counties.Count));
            Console.Error.WriteLine($"  audit log: {end:N0} of {rows:N0} rows");
        }
        await ExecuteAsync(connection, database.Dialect.Provider == StorageProvider.Sqlite ? "ANALYZE audit_log" : "VACUUM ANALYZE audit_log");
    }

    private const string SqliteRows = """
        WITH RECURSIVE n(i) AS (SELECT @start UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @end)
        INSERT INTO audit_log (at, key_id, key_org_code, org_code, action, payload)
        SELECT strftime('%Y-%m-%d %H:%M:%S', @first + CAST(i * @step AS INTEGER), 'unixepoch') || '+00:00', 'key_' || c.code, c.code, c.code,
               'figures.put', '{"code":"' || c.code || '","figures":{"asOf":"2026-11-20T09:30:00+08:00","employees":52000,"members":41000,"verifiedMembers":36000,"unitsRequired":1800,"unitsUnionized":1500}}'
        FROM n JOIN bench_codes c ON c.n = i % @codes
        """;

    private const string PostgresRows = """
        INSERT INTO audit_log (at, key_id, key_org_code, org_code, action, payload)
        SELECT to_timestamp(@first + floor(i * @step)), 'key_' || c.code, c.code, c.code, 'figures.put',
               ('{"code":"' || c.code || '","figures":{"asOf":"2026-11-20T09:30:00+08:00","employees":52000,"members":41000,"verifiedMembers":36000,"unitsRequired":1800,"unitsUnionized":1500}}')::jsonb
        FROM generate_series(@start, @end - 1) AS i JOIN bench_codes c ON c.n = i % @codes
        ORDER BY i
        """;

    private static async Task ExecuteAsync(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        foreach (var (name, value) in parameters)
            command.AddParameter(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
