using Coverage.Silo.Storage;
using Npgsql;

namespace Coverage.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test: a temporary SQLite file, or a new database on the PostgreSQL server named by
/// COVERAGE_TEST_POSTGRES. Dropped when the test ends.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "COVERAGE_TEST_POSTGRES";

    private readonly string? _postgresName;

    private TestDatabase(StorageProvider provider, string connectionString, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _postgresName = postgresName;
    }

    public StorageProvider Provider { get; }

    public string ConnectionString { get; }

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>For a test only PostgreSQL can run: whether a server is named. Where CI requires one, its absence fails the test.</summary>
    public static bool PostgresConfigured()
    {
        if (PostgresServer is not null)
            return true;
        Assert.NotEqual("1", Environment.GetEnvironmentVariable("COVERAGE_REQUIRE_POSTGRES"));
        return false;
    }

    public static async Task<TestDatabase> CreateAsync(StorageProvider provider)
    {
        if (provider == StorageProvider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), "coverage-tests", $"{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new TestDatabase(provider, $"Data Source={path};Pooling=True", null);
        }
        var server = PostgresServer ?? throw new InvalidOperationException($"Set {PostgresVariable} to a PostgreSQL connection string to run PostgreSQL tests.");
        var name = $"coverage_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new TestDatabase(provider, new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString(), name);
    }

    public Database Open() => new(new StorageOptions { Provider = Provider }, ConnectionString);

    public IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Storage:Provider", Provider.ToString()),
        new("ConnectionStrings:Coverage", ConnectionString),
    ];

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var file in new[] { path, path + "-wal", path + "-shm", path + ".lock" })
                File.Delete(file);
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(PostgresServer);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
