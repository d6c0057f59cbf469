using System.Globalization;
using System.Security.Claims;
using Coverage.Contracts;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Export;
using Coverage.Dashboard.Ingest;
using Coverage.Silo.Audit;
using Coverage.Silo.Keys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class AuditEndpoints
{
    public const int MaxLimit = 1000;

    /// <summary>
    /// The audit log for writers and admins, limited to orgs in their key's subtree, filtered by key, action and time, paged
    /// by entry id: a county union sees what was accepted from it, and a federation what its subtree sent.
    /// </summary>
    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Audit").RequireAuthorization(Policies.Write);
        foreach (var suffix in CsvRequest.Suffixes)
            group.MapGet($"/audit{suffix}", ReadAsync)
                .WithSummary("Accepted writes, oldest or newest first")
                .WithDescription("Example: GET /api/v1/audit?orgCode=450100&action=figures.put&from=2026-11-20&to=2026-11-21 → the figures " +
                    "written for Nanning and its subtree on those two days (China Standard Time). orgCode defaults to the key's org; keyId " +
                    "narrows to one key's writes; from and to (inclusive) take days or instants with their offset. Oldest first: pass next " +
                    "as after, with the same filters, for the next page. order=newest lists the latest first: pass next as before for the " +
                    "earlier ones, and ask oldest first after the newest id seen for what was accepted since. CSV (audit.csv or Accept: " +
                    "text/csv) lists every entry the filters select, a row each with its payload's JSON, unless limit is given.");
        return group;
    }

    private static async Task<Results<Ok<AuditPage>, CsvResult, ValidationProblem, ProblemHttpResult>> ReadAsync(string? orgCode, string? keyId,
        string? action, string? from, string? to, string? after, string? before, string? order, string? limit, HttpRequest request, ClaimsPrincipal user,
        IOrgDirectory directory, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new ErrorBag(Languages.Of(request));
        var newestFirst = NewestFirst(order, after, before, errors);
        var cursor = newestFirst ? Number(before, "before", 1, long.MaxValue, long.MaxValue, errors) : Number(after, "after", 0, long.MaxValue, 0, errors);
        var csv = CsvRequest.Wants(request);
        var size = Number(limit, "limit", 1, MaxLimit, csv ? long.MaxValue : 100, errors);
        if (!string.IsNullOrEmpty(keyId) && !ApiKeyStore.CouldBeId(keyId))
            errors.Add("keyId", new($"must be a key id as POST /api/v1/keys answered it: letters, digits and '_', at most {ApiKeyStore.MaxIdLength} characters.",
                $"必须是 POST /api/v1/keys 答复的密钥编号：字母、数字和“_”，最多 {ApiKeyStore.MaxIdLength} 个字符。"));
        if (!string.IsNullOrEmpty(action) && !AuditActions.All.Contains(action))
            errors.Add("action", new($"must be one of {string.Join(", ", AuditActions.All)}.", $"必须是 {string.Join("、", AuditActions.All)} 之一。"));
        var start = Moment(from, "from", endOfDay: false, errors);
        var end = Moment(to, "to", endOfDay: true, errors);
        if (start > end)
            errors.Add("from", new("is after to; swap them.", "晚于 to；请对调两者。"));
        if (errors.Any)
            return Problems.InvalidQuery(errors);
        var (scope, outOfScope) = SubtreeScope.Resolve(orgCode, user, directory, errors.Language);
        if (outOfScope is not null)
            return outOfScope;
        var query = new AuditQuery(cursor, (int)Math.Min(size, MaxLimit), SubtreeScope.CodesOf(scope, directory), NullIfEmpty(keyId), NullIfEmpty(action), start, end, newestFirst);
        bool Includes(string code) => directory.IsWithin(code, scope);
        if (csv)
            return CsvTables.Audit($"{scope}-audit.csv", audit.ReadAllAsync(query, size, Includes, cancellationToken), code => directory.Find(code)?.Name);
        var entries = await audit.ReadAsync(query, Includes, cancellationToken);
        return TypedResults.Ok(new AuditPage(entries, entries.Count == size ? entries[^1].Id : null));
    }

    /// <summary>Whether the list runs newest first; each order pages by its own cursor, so the other's is a mistake.</summary>
    private static bool NewestFirst(string? order, string? after, string? before, ErrorBag errors)
    {
        var newest = order == "newest";
        if (!newest && order is not (null or "" or "oldest"))
            errors.Add("order", new($"must be oldest (the default) or newest, not '{order}'.", $"必须是 oldest（默认）或 newest，不能是“{order}”。"));
        if (!newest && !string.IsNullOrEmpty(before))
            errors.Add("before", new("pages a list newest first: add order=newest, or page oldest first with after.",
                "用于从新到旧翻页：请加上 order=newest，或从旧到新时用 after。"));
        if (newest && !string.IsNullOrEmpty(after))
            errors.Add("after", new("pages a list oldest first: with order=newest pass next as before.", "用于从旧到新翻页：order=newest 时请把 next 作为 before 传入。"));
        return newest;
    }

    private static long Number(string? text, string name, long min, long max, long fallback, ErrorBag errors)
    {
        if (string.IsNullOrEmpty(text))
            return fallback;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        errors.Add(name, new($"must be a whole number from {min} to {max}.", $"必须是 {min} 至 {max} 的整数。"));
        return fallback;
    }

    /// <summary>A day (China Standard Time) or an instant with its offset; as an end, a day reaches its last tick.</summary>
    private static DateTimeOffset? Moment(string? text, string name, bool endOfDay, ErrorBag errors)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return Plausible(day.Year, name, errors)
                ? new DateTimeOffset(day.ToDateTime(endOfDay ? TimeOnly.MaxValue : TimeOnly.MinValue), ChinaClock.Offset)
                : null;
        if (HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return Plausible(instant.Year, name, errors) ? instant : null;
        errors.Add(name, new("must be a day (yyyy-MM-dd, China Standard Time) or an instant with its offset (2026-11-20T09:30:00+08:00).",
            "必须是日期（yyyy-MM-dd，北京时间）或带时区的时刻（2026-11-20T09:30:00+08:00）。"));
        return null;
    }

    private static bool Plausible(int year, string name, ErrorBag errors)
    {
        if (Years.Plausible(year))
            return true;
        errors.Add(name, new($"must lie {Years.Range}.", $"必须在 {Years.First} 年至 {Years.Last} 年之间。"));
        return false;
    }

    /// <summary>An instant without one would be read in the server's time zone, which the caller cannot know.</summary>
    private static bool HasOffset(string text) =>
        text.Contains('T') && (text.EndsWith('Z') || text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>One page of entries; pass <see cref="Next"/> as 'after' (or 'before', newest first) for the next page, null when this was the last.</summary>
    public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? Next);
}
