using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Coverage.Silo.Storage;

/// <summary>Opens connections to the configured database and knows its dialect.</summary>
public sealed class Database
{
    private readonly string _connectionString;

    public Database(StorageOptions options, string? connectionString)
    {
        Dialect = SqlDialect.For(options.Provider);
        // A variable set to nothing (ConnectionStrings__Coverage=) means "not set", not "a database without a name".
        var given = string.IsNullOrWhiteSpace(connectionString) ? null : connectionString;
        _connectionString = options.Provider switch
        {
            StorageProvider.PostgreSql => WithApplicationName(WithAutoPrepare(given
                ?? throw new InvalidOperationException("Storage:Provider is PostgreSql but ConnectionStrings:Coverage is not set."))),
            _ => given is null ? SqliteConnectionStringFor(options.SqlitePath) : RequireSqliteFile(given),
        };
    }

    public SqlDialect Dialect { get; }

    /// <summary>The SQLite file's full path; null on PostgreSQL.</summary>
    public string? SqliteFile => Dialect.Provider == StorageProvider.Sqlite
        ? Path.GetFullPath(new SqliteConnectionStringBuilder(_connectionString).DataSource)
        : null;

    public string Describe() => Dialect.Provider == StorageProvider.Sqlite
        ? $"SQLite at {new SqliteConnectionStringBuilder(_connectionString).DataSource}"
        : $"PostgreSQL at {new NpgsqlConnectionStringBuilder(_connectionString) { Password = null }.Host}/{new NpgsqlConnectionStringBuilder(_connectionString).Database}";

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => OpenAsync(_connectionString, cancellationToken);

    private async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        DbConnection connection = Dialect.Provider == StorageProvider.Sqlite
            ? new SqliteConnection(connectionString)
            : new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection sqlite)
                await ConfigureSqliteAsync(sqlite);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The group committer's own connection. On SQLite it keeps a 32 MB page cache instead of 2 MB: commits touch pages
    /// all over the state table, and every page missing from the cache is a read from the file. Checkpoints come every
    /// 10,000 WAL pages instead of 1,000, so a page written over and over is copied into the database once per checkpoint.
    /// On PostgreSQL it is not pooled: it holds the writer claim, which must end with it rather than idle in the pool.
    /// </summary>
    public async Task<DbConnection> OpenWriterAsync()
    {
        var connection = await OpenAsync(Dialect.Provider == StorageProvider.Sqlite
            ? _connectionString
            : new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString, CancellationToken.None);
        if (connection is SqliteConnection sqlite)
        {
            await using var command = sqlite.CreateCommand();
            command.CommandText = "PRAGMA cache_size=-32768; PRAGMA wal_autocheckpoint=10000;";
            await command.ExecuteNonQueryAsync();
        }
        return connection;
    }

    private static string SqliteConnectionStringFor(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>
    /// The same few statements run thousands of times a second, so the server should plan them once: Npgsql prepares a
    /// statement after a few uses unless the connection string says otherwise.
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        // Npgsql's own builder reports every keyword it knows as present, so the generic one tells what was written.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.ContainsKey("Max Auto Prepare") || written.ContainsKey("MaxAutoPrepare"))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 }.ConnectionString;
    }

    /// <summary>Names this process in the server's activity list, so whoever holds the writer claim can be told apart.</summary>
    private static string WithApplicationName(string connectionString)
    {
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.ContainsKey("Application Name") || written.ContainsKey("ApplicationName"))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = $"Coverage on {Environment.MachineName} (pid {Environment.ProcessId})" }.ConnectionString;
    }

    /// <summary>Every connection must open the same database, which an empty or in-memory data source does not.</summary>
    private static string RequireSqliteFile(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrWhiteSpace(dataSource) || dataSource == ":memory:"
            ? throw new InvalidOperationException(
                $"ConnectionStrings:Coverage for SQLite names no file (Data Source='{dataSource}'); give it a file path, or leave it unset and set Storage:SqlitePath.")
            : connectionString;
    }

    /// <summary>WAL with full sync: a commit is on disk when it returns, and readers never wait for the writer.</summary>
    private static async Task ConfigureSqliteAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
        await command.ExecuteNonQueryAsync();
    }
}
