using System.Text.Json;
using Coverage.Bench.Harness;
using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Runtime;
using Coverage.Silo.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Coverage.Bench.Startup;

/// <summary>
/// Grassroots unions with figures and stations with a month of visits, spread evenly over every county, written straight
/// into the tables as a running system would have left them after a crash: every org and station stored, no report upward yet.
/// </summary>
public static class NationalTree
{
    private const int Batch = 50_000;

    private static readonly TableShape OrgsTable = new("orgs", ["code", "name", "level", "kind", "parent_code", "registered_at"],
        [NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz]);

    private static readonly TableShape StatesTable = new("grain_state", ["state_name", "grain_key", "version", "payload", "updated_at"],
        [NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz]);

    /// <summary>Writes the tree and answers the counties its units go under, in the order <see cref="UnitCode"/> takes them.</summary>
    public static async Task<List<OrgInfo>> FillAsync(BenchDatabase database, int units, int stations)
    {
        List<OrgInfo> counties;
        // The app's own start brings the schema up and names the counties the units go under.
        await using (var silo = await BenchSilo.StartAsync(database))
            counties = silo.Services.GetRequiredService<OrgDirectory>().All.Where(o => o.Level == OrgLevel.County).ToList();
        var now = DateTimeOffset.UtcNow;
        var today = ChinaClock.Today(TimeProvider.System);
        var orgRows = Enumerable.Range(0, units).Select(i => Unit(counties, i));
        var stateRows = Enumerable.Range(0, units).Select(i => new StateRow(IOrgGrain.StateName, Unit(counties, i).Code, UnitState(i, now)))
            .Concat(Enumerable.Range(0, stations).Select(i => new StateRow(IStationGrain.StateName, $"S{i:D7}", StationState(counties, i, today, now))));
        await WriteAsync(database, orgRows, stateRows, now);
        return counties;
    }

    public static string UnitCode(List<OrgInfo> counties, int i) => Unit(counties, i).Code;

    /// <summary>Unit <paramref name="i"/>'s figures as written, or with <paramref name="moreMembers"/> as a later report gives.</summary>
    public static Figures UnitFigures(int i, DateTimeOffset asOf, long moreMembers = 0)
    {
        var members = Members(i);
        return new Figures(asOf, members * 2, members + moreMembers, members * 3 / 4, 1, 1, new Dictionary<string, GroupFigures>
        {
            ["courier"] = new(members / 10, members / 20),
            ["foodDelivery"] = new(members / 8, members / 16),
        });
    }

    /// <summary>Unit <paramref name="i"/> of the tree: spread over the counties in turn, named after its county.</summary>
    public static OrgInfo Unit(List<OrgInfo> counties, int i)
    {
        var county = counties[i % counties.Count];
        var local = i / counties.Count;
        return new OrgInfo($"{county.Code}-G{local:D5}", $"{county.Name}第{local}基层工会联合会", OrgLevel.Grassroots,
            (OrgKind)(local % 3 + (int)OrgKind.Enterprise), county.Code);
    }

    /// <summary>The members the nation must total once recovery has summed every unit.</summary>
    public static long MembersOf(int units) => Enumerable.Range(0, units).Sum(Members);

    private static long Members(int i) => 40L + i % 900;

    private static string UnitState(int i, DateTimeOffset now) =>
        JsonSerializer.Serialize(new OrgState { Own = UnitFigures(i, now.AddDays(-1)), Version = 1, UpdatedAt = now }, StateJson.Options);

    private static string StationState(List<OrgInfo> counties, int i, DateOnly today, DateTimeOffset now)
    {
        var county = counties[i % counties.Count];
        var visits = Enumerable.Range(0, Aggregate.VisitDaysKept - 1).ToDictionary(d => today.AddDays(-d).ToString("yyyy-MM-dd"), d => 20L + (i + d) % 60);
        var info = new StationInfo(county.Code, $"{county.Name}户外劳动者服务站{i}", 22.8, 108.3, i % 4 == 0, i % 2 == 0, ["饮水", "充电", "休息"]);
        return JsonSerializer.Serialize(new StationState { Info = info, DailyVisits = visits, Version = 1, UpdatedAt = now }, StateJson.Options);
    }

    private static async Task WriteAsync(BenchDatabase database, IEnumerable<OrgInfo> orgs, IEnumerable<StateRow> states, DateTimeOffset now)
    {
        await WriteAsync(database, OrgsTable, orgs.Select(org => new object[]
        {
            org.Code, org.Name, "grassroots", org.Kind.ToString().ToLowerInvariant(), org.ParentCode!, now,
        }));
        await WriteAsync(database, StatesTable, states.Select(row => new object[] { row.StateName, row.Key, 1L, row.Payload, now }));
    }

    private static Task WriteAsync(BenchDatabase database, TableShape table, IEnumerable<object[]> rows) =>
        database.Provider == StorageProvider.Sqlite ? InsertSqliteAsync(database, table, rows) : CopyPostgresAsync(database, table, rows);

    private static async Task InsertSqliteAsync(BenchDatabase database, TableShape table, IEnumerable<object[]> rows)
    {
        await using var connection = new SqliteConnection($"Data Source={database.Settings()["Storage:SqlitePath"]}");
        await connection.OpenAsync();
        var sql = $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns)}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
        await InChunksAsync(rows, table.Name, async chunk =>
        {
            await using var transaction = connection.BeginTransaction();
            var insert = connection.CreateCommand();
            insert.CommandText = sql;
            foreach (var row in chunk)
            {
                insert.Parameters.Clear();
                for (var i = 0; i < row.Length; i++)
                    insert.Parameters.AddWithValue($"$p{i}", row[i]);
                await insert.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        });
    }

    private static async Task CopyPostgresAsync(BenchDatabase database, TableShape table, IEnumerable<object[]> rows)
    {
        await using var connection = new NpgsqlConnection(database.PostgresConnectionString);
        await connection.OpenAsync();
        var sql = $"COPY {table.Name} ({string.Join(", ", table.Columns)}) FROM STDIN (FORMAT BINARY)";
        await InChunksAsync(rows, table.Name, async chunk =>
        {
            await using var copy = await connection.BeginBinaryImportAsync(sql);
            foreach (var row in chunk)
            {
                await copy.StartRowAsync();
                for (var i = 0; i < row.Length; i++)
                    await copy.WriteAsync(row[i], table.Types[i]);
            }
            await copy.CompleteAsync();
        });
    }

    private static async Task InChunksAsync<T>(IEnumerable<T> rows, string what, Func<T[], Task> write)
    {
        var written = 0;
        foreach (var chunk in rows.Chunk(Batch))
        {
            await write(chunk);
            written += chunk.Length;
            if (written % (Batch * 10) == 0)
                Console.Error.WriteLine($"  {written:N0} {what} written");
        }
        Console.Error.WriteLine($"  {written:N0} {what} in all");
    }

    private sealed record StateRow(string StateName, string Key, string Payload);

    private sealed record TableShape(string Name, string[] Columns, NpgsqlDbType[] Types);
}
