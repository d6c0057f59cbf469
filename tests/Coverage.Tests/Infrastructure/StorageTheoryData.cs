using Coverage.Silo.Storage;

namespace Coverage.Tests.Infrastructure;

/// <summary>
/// Every storage provider a test should run against: SQLite always, PostgreSQL when a server is configured.
/// CI sets COVERAGE_REQUIRE_POSTGRES so that a missing server fails instead of silently narrowing the suite.
/// </summary>
public sealed class StorageProviders : TheoryData<StorageProvider>
{
    public StorageProviders()
    {
        Add(StorageProvider.Sqlite);
        if (TestDatabase.PostgresServer is not null)
            Add(StorageProvider.PostgreSql);
        else if (Environment.GetEnvironmentVariable("COVERAGE_REQUIRE_POSTGRES") == "1")
            throw new InvalidOperationException($"COVERAGE_REQUIRE_POSTGRES is set but {TestDatabase.PostgresVariable} is not.");
    }
}
