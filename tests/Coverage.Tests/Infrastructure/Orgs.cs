namespace Coverage.Tests.Infrastructure;

/// <summary>The orgs tests write to and read from: Guangxi, two of its cities, and two counties of Nanning.</summary>
public static class Orgs
{
    public const string Guangxi = "450000";
    public const string Nanning = "450100";
    public const string Liuzhou = "450200";
    public const string Xingning = "450102";
    public const string Qingxiu = "450103";
}
