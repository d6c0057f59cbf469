using Coverage.Silo.Storage;

namespace Coverage.Tests.Storage;

public sealed class DatabaseSettingsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void ABlankConnectionStringFallsBackToTheSqlitePath(string connectionString)
    {
        var path = Path.Combine(Path.GetTempPath(), $"coverage-{Guid.NewGuid():N}", "c.db");
        var database = new Database(new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = path }, connectionString);

        Assert.Equal($"SQLite at {path}", database.Describe());
        Directory.Delete(Path.GetDirectoryName(path)!);
    }

    [Theory]
    [InlineData("Data Source=")]
    [InlineData("Data Source=:memory:")]
    public void ASqliteConnectionStringWithoutAFileIsRefused(string connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new Database(new StorageOptions { Provider = StorageProvider.Sqlite }, connectionString));

        Assert.Contains("Storage:SqlitePath", error.Message);
    }

    [Fact]
    public void PostgreSqlWithABlankConnectionStringIsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new Database(new StorageOptions { Provider = StorageProvider.PostgreSql }, ""));

        Assert.Contains("ConnectionStrings:Coverage is not set", error.Message);
    }

    [Theory]
    [InlineData("Host=db;Database=coverage", 64)]
    [InlineData("Host=db;Database=coverage;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=coverage;Max Auto Prepare=8", 8)]
    public void PostgreSqlPreparesRepeatedStatementsUnlessTheConnectionStringSaysOtherwise(string connectionString, int expected)
    {
        var prepared = new Npgsql.NpgsqlConnectionStringBuilder(Database.WithAutoPrepare(connectionString));

        Assert.Equal(expected, prepared.MaxAutoPrepare);
    }
}
