using Coverage.Contracts;

namespace Coverage.Tests.Infrastructure;

/// <summary>The orgs tests write to and read from: Guangxi, two of its cities, and two counties of Nanning.</summary>
public static class Orgs
{
    public const string Guangxi = "450000";
    public const string Nanning = "450100";
    public const string Liuzhou = "450200";
    public const string Xingning = "450102";
    public const string Qingxiu = "450103";

    /// <summary>Grassroots unions XN-0000, XN-0001 … of 兴宁区, for the tests that need many; register them before use.</summary>
    public static List<OrgInfo> XingningUnits(int count) => Enumerable.Range(0, count)
        .Select(i => new OrgInfo($"XN-{i:D4}", $"兴宁区第{i}基层工会", OrgLevel.Grassroots, OrgKind.Enterprise, Xingning)).ToList();
}
