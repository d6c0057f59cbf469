using Coverage.Contracts;

namespace Coverage.Tests.Infrastructure;

/// <summary>Builds plausible figures for tests; members and units stay within their denominators.</summary>
public static class Figure
{
    public static Figures Of(long members, DateTimeOffset? asOf = null, long courierMembers = 0) => new(
        asOf ?? DateTimeOffset.UtcNow,
        Employees: members * 2,
        Members: members,
        VerifiedMembers: members / 2,
        UnitsRequired: 100,
        UnitsUnionized: 50,
        NewEmployment: courierMembers == 0
            ? new Dictionary<string, GroupFigures>()
            : new Dictionary<string, GroupFigures> { ["courier"] = new(courierMembers * 2, courierMembers) });
}
