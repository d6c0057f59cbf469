using System.Data.Common;
using Npgsql;

namespace Coverage.Silo.Storage;

/// <summary>
/// One process writes a database. Grains are single activations only within a process, so a second process on the same
/// database would keep its own copy of every org and refuse or overwrite the first one's writes. On PostgreSQL the claim
/// is a session advisory lock on the committer's connection, which the server drops with that connection however the
/// process ends; on SQLite it is an exclusive lock on a file beside the database, which the OS drops when the process exits.
/// </summary>
public sealed class WriterClaim(Database database) : IDisposable
{
    /// <summary>"Cove" in ASCII: any fixed number would do, since advisory locks are kept per database.</summary>
    internal const long AdvisoryLockKey = 0x436F7665;

    private readonly Lock _lock = new();
    private FileStream? _file;
    private volatile string? _heldElsewhere;

    /// <summary>Why this process may not write, when its last attempt to claim the database found another holding it.</summary>
    public string? HeldElsewhere => _heldElsewhere;

    /// <summary>Claims the database for the writer connection, or throws <see cref="DatabaseClaimedException"/>.</summary>
    public async Task ClaimAsync(DbConnection writer)
    {
        try
        {
            if (writer is NpgsqlConnection postgres)
                await ClaimAsync(postgres);
            else
                ClaimFile();
            _heldElsewhere = null;
        }
        catch (DatabaseClaimedException claimed)
        {
            _heldElsewhere = claimed.Message;
            throw;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    /// <summary>
    /// Tries for a second: the server ends the backend of this process's previous writer connection a moment after it closed.
    /// Once another process is known to hold the claim it tries once, so writes and readiness probes are refused at once.
    /// </summary>
    private async Task ClaimAsync(NpgsqlConnection connection)
    {
        await using var claim = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        claim.Parameters.AddWithValue("key", AdvisoryLockKey);
        var attempts = _heldElsewhere is null ? 10 : 1;
        for (var attempt = 1; await claim.ExecuteScalarAsync() is not true; attempt++)
        {
            if (attempt == attempts)
                throw new DatabaseClaimedException(
                    $"Another Coverage process is writing to {database.Describe()}{await HolderAsync(connection)}. " +
                    "One process owns a database: stop that one, or give this one its own database (ConnectionStrings:Coverage).");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        await KeepAliveAsync(connection);
    }

    /// <summary>
    /// The server probes the connection every few seconds, so the claim of a machine that died (no FIN ever comes) lapses
    /// within about half a minute instead of the OS default of two hours.
    /// </summary>
    private static async Task KeepAliveAsync(NpgsqlConnection connection)
    {
        await using var settings = new NpgsqlCommand(
            "SET tcp_keepalives_idle = 15; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3", connection);
        await settings.ExecuteNonQueryAsync();
    }

    private static async Task<string> HolderAsync(NpgsqlConnection connection)
    {
        await using var query = new NpgsqlCommand("""
            SELECT a.application_name, host(a.client_addr), a.backend_start
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = @key AND l.objsubid = 1
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, connection);
        query.Parameters.AddWithValue("key", AdvisoryLockKey);
        await using var reader = await query.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return "";
        var application = reader.IsDBNull(0) || reader.GetString(0).Length == 0 ? "a client" : $"'{reader.GetString(0)}'";
        var from = reader.IsDBNull(1) ? "a local socket" : reader.GetString(1);
        return $" ({application} from {from}, connected since {reader.GetDateTime(2):yyyy-MM-dd HH:mm:ss} UTC)";
    }

    private void ClaimFile()
    {
        lock (_lock)
        {
            if (_file is not null)
                return;
            var path = database.SqliteFile + ".lock";
            try
            {
                // The file is never deleted: a process could otherwise lock a file that a third one has just replaced.
                _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException error)
            {
                throw new DatabaseClaimedException(
                    $"Another Coverage process is writing to {database.Describe()} (it holds {path}). " +
                    "One process owns a database: stop that one, or give this one its own file (Storage:SqlitePath).", error);
            }
        }
    }
}
