namespace Coverage.Silo.Storage;

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}

public sealed class StorageOptions
{
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>SQLite file used when no connection string is configured, relative to the working directory.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "coverage.db");

    /// <summary>The most writes committed in one transaction.</summary>
    public int MaxBatch { get; set; } = 512;
}
