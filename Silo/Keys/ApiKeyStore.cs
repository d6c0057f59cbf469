using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Storage;
using Dapper;

namespace Coverage.Silo.Keys;

/// <summary>Keys stored as SHA-256 hashes and cached in memory; a revocation is remembered, so it takes effect at once in this process.</summary>
public sealed class ApiKeyStore(Database database, GroupCommitter committer, TimeProvider clock)
{
    /// <summary>Secrets of no live key remembered, so a flood of guesses does not become a flood of queries; a random secret never becomes valid later, nor a revoked one live.</summary>
    private const int NotLiveRemembered = 10_000;

    /// <summary>Longer than any id this service issues.</summary>
    public const int MaxIdLength = 64;

    private readonly ConcurrentDictionary<string, ApiKey> _byHash = new();
    private readonly ConcurrentDictionary<string, byte> _revoked = new();
    private readonly ConcurrentDictionary<string, RevokedKey?> _notLive = new();
    private readonly ConcurrentDictionary<string, KeyUse> _uses = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _usesToWrite = new();

    public static string Hash(string secret) => Convert.ToHexStringLower(HashOf(secret));

    public static byte[] HashOf(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>The key whose secret has this SHA-256 hash: live, revoked, or none.</summary>
    public async Task<KeyMatch> FindByHashAsync(byte[] secretHash)
    {
        var hash = Convert.ToHexStringLower(secretHash);
        if (!_byHash.TryGetValue(hash, out var key))
        {
            if (_notLive.TryGetValue(hash, out var known))
                return new KeyMatch(null, known);
            var (live, revoked) = await ReadAsync(hash);
            if (live is null)
            {
                if (_notLive.Count >= NotLiveRemembered)
                    _notLive.Clear();
                _notLive[hash] = revoked;
                return new KeyMatch(null, revoked);
            }
            key = live;
            _byHash[hash] = key;
        }
        return _revoked.ContainsKey(key.Id) ? KeyMatch.None : new KeyMatch(key, null);
    }

    private async Task<(ApiKey? Live, RevokedKey? Revoked)> ReadAsync(string hash)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, org_code, role, revoked_at FROM api_keys WHERE key_hash = @hash";
        command.AddParameter("@hash", hash);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return (null, null);
        var (id, orgCode) = (reader.GetString(0), reader.GetString(1));
        return await reader.IsDBNullAsync(3)
            ? (new KeyRow(id, orgCode, reader.GetString(2)).ToKey(), null)
            : (null, new RevokedKey(id, orgCode, reader.GetFieldValue<DateTimeOffset>(3)));
    }

    public async Task<ApiKey?> FindByIdAsync(string id)
    {
        await using var connection = await database.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(
            "SELECT id AS Id, org_code AS OrgCode, role AS Role FROM api_keys WHERE id = @id AND revoked_at IS NULL", new { id });
        return row is null || _revoked.ContainsKey(row.Id) ? null : row.ToKey();
    }

    /// <summary>
    /// Issues a key, committed in one transaction with the statement <paramref name="recorded"/> makes of it: its audit entry.
    /// Null, with nothing written, when the org was deregistered before the write committed: its deregistration revoked
    /// every key it had, and a key issued after it would still open the code when registered again.
    /// </summary>
    public async Task<IssuedKey?> CreateAsync(string orgCode, ApiKeyRole role, Func<ApiKey, Statement> recorded)
    {
        var key = new ApiKey($"k_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}", orgCode, role);
        var secret = $"cov_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var hash = Hash(secret);
        try
        {
            await committer.WriteAllAsync([
                new Statement(
                    $"INSERT INTO api_keys (id, key_hash, org_code, role, created_at) SELECT @p0, @p1, @p2, @p3, @p4 {RetiredOrgs.WhereNotRetired("@p2")}",
                    key.Id, hash, key.OrgCode, Name(role), clock.GetUtcNow()),
                recorded(key)]);
        }
        catch (WriteConflictException)
        {
            return null;
        }
        _byHash[hash] = key;
        return new IssuedKey(key, secret);
    }

    /// <summary>
    /// Marks the key revoked durably, in one transaction with <paramref name="recorded"/> (its audit entry), then forgets it;
    /// false, writing nothing, when no live key has this id.
    /// </summary>
    public async Task<bool> RevokeAsync(string id, Statement recorded)
    {
        bool revoked;
        try
        {
            await committer.WriteAllAsync([
                new Statement("UPDATE api_keys SET revoked_at = @p0 WHERE id = @p1 AND revoked_at IS NULL", clock.GetUtcNow(), id),
                recorded]);
            revoked = true;
        }
        catch (WriteConflictException)
        {
            revoked = false;
        }
        Forget([id]);
        return revoked;
    }

    /// <summary>
    /// Revokes, inside the caller's transaction, every live key of the orgs whose codes <paramref name="codes"/> holds (a list as
    /// the dialect makes it), answering each key's id by org; <see cref="Forget"/> them once the transaction commits.
    /// </summary>
    public static async Task<ILookup<string, string>> RevokeAllOfAsync(DbConnection connection, DbTransaction transaction, object codes,
        string isOneOf, DateTimeOffset at)
    {
        var revoked = await connection.QueryAsync<(string Id, string OrgCode)>(
            $"UPDATE api_keys SET revoked_at = @at WHERE revoked_at IS NULL AND {isOneOf} RETURNING id, org_code", new { at, codes }, transaction);
        return revoked.ToLookup(key => key.OrgCode, key => key.Id, StringComparer.Ordinal);
    }

    /// <summary>Keys revoked by a committed transaction of someone else's: they stop working in this process at once.</summary>
    public void Forget(IEnumerable<string> ids)
    {
        var gone = ids.ToHashSet(StringComparer.Ordinal);
        foreach (var id in gone)
            _revoked[id] = 0;
        foreach (var cached in _byHash.Where(k => gone.Contains(k.Value.Id)))
            _byHash.TryRemove(cached);
    }

    /// <summary>
    /// The keys of the orgs given (of every org when null), revoked ones too when asked, oldest first, with uses not yet
    /// written; the caller narrows them to what its reader may see.
    /// </summary>
    public async Task<IReadOnlyList<KeyListing>> ListAsync(IReadOnlyCollection<string>? orgCodes, bool withRevoked, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var conditions = new List<string>();
        if (!withRevoked)
            conditions.Add("revoked_at IS NULL");
        if (orgCodes is not null)
        {
            conditions.Add(database.Dialect.IsOneOf("org_code", "@orgs"));
            command.AddParameter("@orgs", database.Dialect.TextList(orgCodes));
        }
        var where = conditions.Count > 0 ? $" WHERE {string.Join(" AND ", conditions)}" : "";
        command.CommandText = $"SELECT id, org_code, role, created_at, revoked_at, last_used_at FROM api_keys{where} ORDER BY created_at, id";
        var keys = new List<KeyListing>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            var stored = await reader.IsDBNullAsync(5, cancellationToken) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(5);
            keys.Add(new KeyListing(id, reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                await reader.IsDBNullAsync(4, cancellationToken) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                _uses.TryGetValue(id, out var use) && use.Last is { } last && (stored is null || last > stored) ? last : stored));
        }
        return keys;
    }

    /// <summary>
    /// Notes that a stored key authenticated a request. Only a use a minute or more after the last one noted is kept for
    /// writing, so a busy key costs a read of its last use per request, not a write.
    /// </summary>
    public void Used(ApiKey key)
    {
        var now = clock.GetUtcNow();
        if (_uses.GetOrAdd(key.Id, static _ => new KeyUse()).Touch(now))
            _usesToWrite[key.Id] = now;
    }

    /// <summary>Writes the uses noted since the last time; those noted again meanwhile wait for the next.</summary>
    public async Task WriteUsesAsync()
    {
        var pending = _usesToWrite.ToArray();
        if (pending.Length == 0)
            return;
        // Not all-or-nothing: a row another process moved further on is left as it is.
        await committer.WriteAsync(async (connection, transaction) =>
        {
            foreach (var (id, at) in pending)
            {
                await connection.ExecuteAsync("UPDATE api_keys SET last_used_at = @at WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @at)",
                    new { at, id }, transaction);
            }
            return pending.Length;
        });
        foreach (var use in pending)
            _usesToWrite.TryRemove(use);
    }

    /// <summary>What an id this service issues looks like ("k_" and hex, or the bootstrap key's name); anything else names no key.</summary>
    public static bool CouldBeId(string text) => text.Length <= MaxIdLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Revoked while this process ran.</summary>
    public bool IsRevoked(string id) => _revoked.ContainsKey(id);

    public static string Name(ApiKeyRole role) => role.ToString().ToLowerInvariant();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record KeyRow(string Id, string OrgCode, string Role)
    {
        public ApiKey ToKey() => new(Id, OrgCode, Enum.Parse<ApiKeyRole>(Role, ignoreCase: true));
    }
}
