using Coverage.Bench.Harness;
using Npgsql;

namespace Coverage.Bench.Reads;

/// <summary>
/// What a user would otherwise build: the figures in a plain PostgreSQL table and the children's totals from
/// GROUP BY ROLLUP on every read.
/// </summary>
public sealed class RollupBaseline(NpgsqlDataSource dataSource)
{
    private const string ChildrenQuery = """
        SELECT city, SUM(employees)::bigint, SUM(members)::bigint, SUM(verified_members)::bigint, SUM(units_required)::bigint,
               SUM(units_unionized)::bigint
        FROM figures WHERE province = $1 GROUP BY ROLLUP (city)
        """;

    public async Task CreateAsync(IEnumerable<CountyRow> counties, DateTimeOffset asOf)
    {
        await using (var create = dataSource.CreateCommand("""
            CREATE TABLE figures (province text NOT NULL, city text NOT NULL, county text PRIMARY KEY, employees bigint NOT NULL,
                members bigint NOT NULL, verified_members bigint NOT NULL, units_required bigint NOT NULL, units_unionized bigint NOT NULL);
            CREATE INDEX figures_province ON figures (province, city);
            """))
            await create.ExecuteNonQueryAsync();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY figures (province, city, county, employees, members, verified_members, units_required, units_unionized) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var county in counties)
            {
                var figures = CountyFigures.For(county.Index, asOf);
                await import.WriteRowAsync(default, county.Province, county.City, county.County, figures.Employees, figures.Members,
                    figures.VerifiedMembers, figures.UnitsRequired, figures.UnitsUnionized);
            }
            await import.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("ANALYZE figures", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>Members per child city of the province, the same figure the children endpoint reports in totals.</summary>
    public async Task<Dictionary<string, long>> MembersByCityAsync(string province)
    {
        var members = new Dictionary<string, long>();
        await using var command = dataSource.CreateCommand(ChildrenQuery);
        command.Parameters.Add(new NpgsqlParameter { Value = province });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (!reader.IsDBNull(0))
                members[reader.GetString(0)] = reader.GetInt64(2);
        }
        return members;
    }

    /// <summary>Runs the children query and reads every row; returns 200 so it fits the same load loop as HTTP.</summary>
    public async Task<int> ChildrenAsync(string province)
    {
        await using var command = dataSource.CreateCommand(ChildrenQuery);
        command.Parameters.Add(new NpgsqlParameter { Value = province });
        await using var reader = await command.ExecuteReaderAsync();
        long sink = 0;
        while (await reader.ReadAsync())
        {
            for (var column = 1; column < reader.FieldCount; column++)
                sink += reader.GetInt64(column);
        }
        return sink > 0 ? 200 : 204;
    }

    public static NpgsqlDataSource Open(BenchDatabase database, int connections) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.PostgresConnectionString)
        {
            MaxPoolSize = connections,
            MinPoolSize = connections,
        }.ToString());
}
