using System.Security.Claims;
using Coverage.Contracts;
using Coverage.Dashboard.Api;
using Coverage.Dashboard.Auth;
using Coverage.Silo.Audit;
using Coverage.Silo.Targets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Ingest;

/// <summary>
/// Many orgs' yearly targets: every org checked (it exists, and the key reaches its parent, which sets them) before any
/// is written, then all of them written with their audit entries in one transaction, so a refused batch changes nothing.
/// </summary>
public sealed class TargetBatch(IOrgDirectory directory, TargetStore store, AuditLog audit)
{
    public async Task<Results<Ok<TargetsBatchResult>, ValidationProblem, ProblemHttpResult>> SetAsync(
        IReadOnlyList<TargetsItem> items, ErrorBag errors, ClaimsPrincipal user, string action)
    {
        if (Refused(items, errors, user) is { } refused)
            return refused;
        var unchanged = 0;
        foreach (var item in items)
        {
            if (await store.FindAsync(item.Code, item.Year) is { } stored && Same(stored.Targets, item.Targets))
                unchanged++;
        }
        if (await store.PutManyAsync([.. items.Select(i => (i.Code, i.Year, i.Targets))],
            set => audit.StatementFor(AuditPayload.For(user, set.Code, action, set))) is null)
            // An org was deregistered between the check and the write: checked again, it is named.
            return Refused(items, errors, user) ?? Problems.DeregisteredMeanwhile(errors.Language);
        return TypedResults.Ok(new TargetsBatchResult(items.Count, unchanged));
    }

    private Results<Ok<TargetsBatchResult>, ValidationProblem, ProblemHttpResult>? Refused(IReadOnlyList<TargetsItem> items, ErrorBag errors,
        ClaimsPrincipal user)
    {
        var outside = new List<(string Path, Message Message)>();
        var unknown = 0;
        foreach (var item in items)
        {
            if (directory.Find(item.Code) is not { } org)
            {
                unknown++;
                errors.Add(item.Path, Problems.NoSuchOrg(item.Code));
            }
            else if (org.ParentCode is { } parent && !user.Reaches(parent, directory))
                outside.Add((item.Path, Problems.TargetsSetByParent(item.Code, parent, user)));
            else if (org.ParentCode is null && !user.Reaches(item.Code, directory))
                outside.Add((item.Path, Problems.OrgOutside(item.Code, user)));
        }
        if (Problems.BatchRefused(outside, new("some targets are set by a federation this API key does not reach.", "有些目标应由此密钥范围以外的上级工会设定。"),
            unknown, errors, "Unknown org", new("some codes name no union organisation. Correct those rows.", "有代码不对应任何工会组织。请改正这些行。")) is { } refused)
            return refused;
        if (errors.Any)
            return Problems.Invalid(errors);
        return null;
    }

    private static bool Same(IReadOnlyDictionary<string, double> stored, IReadOnlyDictionary<string, double> sent) =>
        stored.Count == sent.Count && sent.All(t => stored.TryGetValue(t.Key, out var value) && value == t.Value);
}
