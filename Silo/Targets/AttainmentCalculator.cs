using Coverage.Contracts;
using Coverage.Silo.History;

namespace Coverage.Silo.Targets;

/// <summary>Adds target attainment for the current year (China Standard Time) to summaries of orgs that have targets.</summary>
public sealed class AttainmentCalculator(TargetStore targets, OrgHistory history, TimeProvider clock)
{
    public Task<OrgSummary> EnrichAsync(OrgSummary summary)
    {
        var now = clock.GetUtcNow();
        var found = targets.FindAsync(summary.Code, ChinaClock.DateOf(now).Year);
        return found is { IsCompletedSuccessfully: true, Result: null } ? Task.FromResult(summary) : EnrichAsync(summary, found, now);
    }

    private async Task<OrgSummary> EnrichAsync(OrgSummary summary, Task<OrgTargets?> found, DateTimeOffset now)
    {
        if (await found is not { } set)
            return summary;
        var year = set.Year;
        var measures = set.Targets.Select(t => (Target: t, Measure: TargetMeasures.Find(t.Key)))
            .Where(t => t.Measure is not null)
            .ToList();
        var baseline = measures.Any(t => t.Measure!.IsGain) ? await history.BaselineAsync(summary.Code, year) : null;
        var elapsed = ElapsedFraction(now, year);
        var byMeasure = measures.ToDictionary(t => t.Target.Key, t =>
        {
            var actual = t.Measure!.Actual(summary.Totals, baseline);
            var ratio = actual / t.Target.Value;
            return new TargetAttainment(t.Measure.Label, t.Measure.IsRate, t.Target.Value, actual, ratio, (ratio ?? 0) < elapsed);
        });
        return summary with { Attainment = new Attainment(year, elapsed, byMeasure, byMeasure.Values.Any(m => m.Behind)) };
    }

    /// <summary>How much of the year has passed in China Standard Time, from 0 on 1 January to 1 at its end.</summary>
    public static double ElapsedFraction(DateTimeOffset now, int year)
    {
        var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, ChinaClock.Offset);
        var end = start.AddYears(1);
        return Math.Clamp((now - start) / (end - start), 0, 1);
    }
}
