using Coverage.Contracts;

namespace Coverage.Grains;

/// <summary>
/// Own figures plus every child's and station's totals, kept as a running sum: a report takes the old contribution off
/// and puts the new one on, so a parent's work per report does not grow with its number of children. A group or a day
/// is listed while any part lists it, as a fresh sum of the parts would list it.
/// </summary>
internal sealed class RunningTotals
{
    private readonly Dictionary<string, (long Workers, long Members, int Parts)> _groups = [];
    private readonly Dictionary<string, (long Visits, int Parts)> _days = [];
    private long _employees, _members, _verified, _required, _unionized, _stations;

    public static RunningTotals Of(OrgState state, OrgParts parts)
    {
        var running = new RunningTotals();
        running.Add(state.OwnAggregate);
        foreach (var child in parts.Children.Values)
            running.Add(child.Totals);
        foreach (var station in parts.Stations.Values)
            running.Add(station.Totals);
        return running;
    }

    /// <summary>Takes <paramref name="before"/> off and puts <paramref name="after"/> on; either may be null for none.</summary>
    public void Replace(Aggregate? before, Aggregate? after)
    {
        Subtract(before);
        Add(after);
    }

    /// <summary>The sum as of <paramref name="today"/>, without visit days that fell out of the longest window.</summary>
    public Aggregate ToAggregate(DateOnly today)
    {
        var oldest = Aggregate.Day(today.AddDays(1 - Aggregate.VisitDaysKept));
        var groups = new KeyValuePair<string, GroupFigures>[_groups.Count];
        var g = 0;
        foreach (var (group, sum) in _groups)
            groups[g++] = new(group, new GroupFigures(sum.Workers, sum.Members));
        var visits = new KeyValuePair<string, long>[_days.Count];
        var v = 0;
        foreach (var (day, sum) in _days)
        {
            if (string.CompareOrdinal(day, oldest) >= 0)
                visits[v++] = new(day, sum.Visits);
        }
        return new Aggregate(_employees, _members, _verified, _required, _unionized, CompactMap<GroupFigures>.OfShared(groups), _stations,
            CompactMap<long>.OfShared(v == visits.Length ? visits : visits[..v]));
    }

    private void Add(Aggregate? part) => Apply(part, 1);

    private void Subtract(Aggregate? part) => Apply(part, -1);

    private void Apply(Aggregate? part, int sign)
    {
        if (part is null)
            return;
        _employees += sign * part.Employees;
        _members += sign * part.Members;
        _verified += sign * part.VerifiedMembers;
        _required += sign * part.UnitsRequired;
        _unionized += sign * part.UnitsUnionized;
        _stations += sign * part.Stations;
        foreach (var (group, figures) in part.NewEmployment)
        {
            var sum = _groups.GetValueOrDefault(group);
            sum = (sum.Workers + sign * figures.Workers, sum.Members + sign * figures.Members, sum.Parts + sign);
            if (sum.Parts == 0)
                _groups.Remove(group);
            // A key new to the sum is kept as its shared instance, since the aggregates made from it hand their keys out as they are.
            else if (sum.Parts == 1 && sign > 0)
                _groups[SharedKeys.Of(group)] = sum;
            else
                _groups[group] = sum;
        }
        foreach (var (day, count) in part.DailyVisits)
        {
            var sum = _days.GetValueOrDefault(day);
            sum = (sum.Visits + sign * count, sum.Parts + sign);
            if (sum.Parts == 0)
                _days.Remove(day);
            else if (sum.Parts == 1 && sign > 0)
                _days[SharedKeys.Of(day)] = sum;
            else
                _days[day] = sum;
        }
    }
}
