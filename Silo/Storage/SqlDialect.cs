using System.Text.Json;

namespace Coverage.Silo.Storage;

/// <summary>The few places where SQLite and PostgreSQL SQL differ.</summary>
public abstract class SqlDialect
{
    public abstract StorageProvider Provider { get; }

    public abstract string AutoIncrementKey { get; }

    public abstract string Timestamp { get; }

    public abstract string Json { get; }

    public virtual string JsonParameter(string name) => name;

    /// <summary>A condition that the column holds one of the texts passed in the parameter, as <see cref="TextList"/> makes its value.</summary>
    public abstract string IsOneOf(string column, string parameter);

    public abstract object TextList(IReadOnlyCollection<string> texts);

    /// <summary>The text at a path of names (no quotes in them) inside a JSON text column, or NULL.</summary>
    public abstract string JsonText(string column, params string[] path);

    public static SqlDialect For(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => new SqliteDialect(),
        StorageProvider.PostgreSql => new PostgreSqlDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Storage:Provider is Sqlite or PostgreSql."),
    };

    private sealed class SqliteDialect : SqlDialect
    {
        public override StorageProvider Provider => StorageProvider.Sqlite;

        public override string AutoIncrementKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

        public override string Timestamp => "TEXT";

        public override string Json => "TEXT";

        public override string IsOneOf(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

        public override object TextList(IReadOnlyCollection<string> texts) => JsonSerializer.Serialize(texts);

        public override string JsonText(string column, params string[] path) => $"json_extract({column}, '$.{string.Join('.', path)}')";
    }

    private sealed class PostgreSqlDialect : SqlDialect
    {
        public override StorageProvider Provider => StorageProvider.PostgreSql;

        public override string AutoIncrementKey => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

        public override string Timestamp => "TIMESTAMPTZ";

        public override string Json => "JSONB";

        public override string JsonParameter(string name) => $"CAST({name} AS JSONB)";

        public override string IsOneOf(string column, string parameter) => $"{column} = ANY({parameter})";

        public override object TextList(IReadOnlyCollection<string> texts) => texts.ToArray();

        public override string JsonText(string column, params string[] path) => $"(CAST({column} AS JSONB) #>> '{{{string.Join(',', path)}}}')";
    }
}
