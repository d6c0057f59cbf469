namespace Coverage.Silo.Storage;

/// <summary>The schema, as numbered steps; a database is brought up to the last step on start. Never edit a released step.</summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<(int Version, string Name, Func<SqlDialect, string> Sql)> Steps =
    [
        (1, "grain state, registered orgs, keys and audit log", d => $"""
            CREATE TABLE grain_state (
                state_name TEXT NOT NULL,
                grain_key TEXT NOT NULL,
                version BIGINT NOT NULL,
                payload TEXT NOT NULL,
                updated_at {d.Timestamp} NOT NULL,
                PRIMARY KEY (state_name, grain_key));
            CREATE TABLE orgs (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                level TEXT NOT NULL,
                kind TEXT NOT NULL,
                parent_code TEXT NOT NULL,
                registered_at {d.Timestamp} NOT NULL);
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                key_hash TEXT NOT NULL UNIQUE,
                org_code TEXT NOT NULL,
                role TEXT NOT NULL,
                created_at {d.Timestamp} NOT NULL,
                revoked_at {d.Timestamp} NULL);
            CREATE TABLE audit_log (
                id {d.AutoIncrementKey},
                at {d.Timestamp} NOT NULL,
                key_id TEXT NOT NULL,
                org_code TEXT NOT NULL,
                action TEXT NOT NULL,
                payload {d.Json} NOT NULL);
            CREATE INDEX audit_log_org ON audit_log (org_code, id);
            """),
        (2, "audit log names the org of the key that wrote", _ => """
            ALTER TABLE audit_log ADD COLUMN key_org_code TEXT NOT NULL DEFAULT '';
            """),
        (3, "daily org history and yearly targets", d => $"""
            CREATE TABLE org_history (
                code TEXT NOT NULL,
                day TEXT NOT NULL,
                totals {d.Json} NOT NULL,
                recorded_at {d.Timestamp} NOT NULL,
                PRIMARY KEY (code, day));
            CREATE TABLE org_targets (
                code TEXT NOT NULL,
                year INTEGER NOT NULL,
                targets {d.Json} NOT NULL,
                set_at {d.Timestamp} NOT NULL,
                PRIMARY KEY (code, year));
            """),
        (4, "audit log without the org index no read uses", _ => """
            DROP INDEX IF EXISTS audit_log_org;
            """),
        (5, "children's and stations' totals stored apart from an org's own figures", d => d.Provider == StorageProvider.PostgreSql
            ? """
              INSERT INTO grain_state (state_name, grain_key, version, payload, updated_at)
              SELECT 'org-parts', grain_key, 1,
                     jsonb_build_object('children', COALESCE(payload::jsonb -> 'children', '{}'::jsonb),
                                        'stations', COALESCE(payload::jsonb -> 'stations', '{}'::jsonb))::text,
                     updated_at
              FROM grain_state
              WHERE state_name = 'org' AND (payload::jsonb -> 'children' <> '{}'::jsonb OR payload::jsonb -> 'stations' <> '{}'::jsonb);
              UPDATE grain_state SET payload = (payload::jsonb - 'children' - 'stations')::text WHERE state_name = 'org';
              """
            : """
              INSERT INTO grain_state (state_name, grain_key, version, payload, updated_at)
              SELECT 'org-parts', grain_key, 1,
                     json_object('children', json(COALESCE(json_extract(payload, '$.children'), '{}')),
                                 'stations', json(COALESCE(json_extract(payload, '$.stations'), '{}'))),
                     updated_at
              FROM grain_state
              WHERE state_name = 'org' AND (json_extract(payload, '$.children') <> '{}' OR json_extract(payload, '$.stations') <> '{}');
              UPDATE grain_state SET payload = json_remove(payload, '$.children', '$.stations') WHERE state_name = 'org';
              """),
        (6, "registered orgs remember when they were deregistered", d => $"""
            ALTER TABLE orgs ADD COLUMN retired_at {d.Timestamp};
            """),
        (7, "keys remember when they were last used", d => $"""
            ALTER TABLE api_keys ADD COLUMN last_used_at {d.Timestamp};
            """),
        (8, "keys found by their org, as a county's or city's list reads them", _ => """
            CREATE INDEX api_keys_org ON api_keys (org_code);
            """),
    ];
}
