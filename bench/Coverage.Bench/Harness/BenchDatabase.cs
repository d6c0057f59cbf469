using Coverage.Silo.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Coverage.Bench.Harness;

/// <summary>A database that exists for one benchmark run: a temporary SQLite file or a new PostgreSQL database, removed after.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _postgresServer;
    private readonly string? _postgresName;
    private readonly string? _sqlitePath;

    private BenchDatabase(StorageProvider provider, string? sqlitePath, string? postgresServer, string? postgresName)
    {
        Provider = provider;
        _sqlitePath = sqlitePath;
        _postgresServer = postgresServer;
        _postgresName = postgresName;
    }

    public StorageProvider Provider { get; }

    public string PostgresConnectionString => new NpgsqlConnectionStringBuilder(_postgresServer) { Database = _postgresName }.ToString();

    /// <summary>The PostgreSQL server to create databases on: --postgres, else COVERAGE_BENCH_POSTGRES, else COVERAGE_TEST_POSTGRES.</summary>
    public static string? PostgresServer(BenchArgs options) =>
        options.Text("postgres")
        ?? NonEmpty(Environment.GetEnvironmentVariable("COVERAGE_BENCH_POSTGRES"))
        ?? NonEmpty(Environment.GetEnvironmentVariable("COVERAGE_TEST_POSTGRES"));

    public static StorageProvider ParseProvider(string name) => name.ToLowerInvariant() switch
    {
        "sqlite" => StorageProvider.Sqlite,
        "postgres" or "postgresql" => StorageProvider.PostgreSql,
        _ => throw new ArgumentException($"Unknown database '{name}'; use sqlite or postgres."),
    };

    public static async Task<BenchDatabase> CreateAsync(StorageProvider provider, string? postgresServer)
    {
        if (provider == StorageProvider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), "coverage-bench", $"{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new BenchDatabase(provider, path, null, null);
        }
        var server = postgresServer ?? throw new InvalidOperationException("PostgreSQL needs --postgres or COVERAGE_BENCH_POSTGRES.");
        var name = $"coverage_bench_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
        await create.ExecuteNonQueryAsync();
        return new BenchDatabase(provider, null, server, name);
    }

    /// <summary>The app's own configuration keys for this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings() => Provider == StorageProvider.Sqlite
        ? new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:SqlitePath"] = _sqlitePath }
        : new Dictionary<string, string?> { ["Storage:Provider"] = "PostgreSql", ["ConnectionStrings:Coverage"] = PostgresConnectionString };

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm", _sqlitePath + ".lock" })
                File.Delete(file);
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_postgresServer);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
