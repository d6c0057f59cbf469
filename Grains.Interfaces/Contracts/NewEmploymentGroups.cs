namespace Coverage.Contracts;

/// <summary>The new-employment worker groups counted separately (DOMAIN.md), with their Chinese names.</summary>
public static class NewEmploymentGroups
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["truckDriver"] = "货车司机",
        ["rideHailing"] = "网约车司机",
        ["courier"] = "快递员",
        ["foodDelivery"] = "外卖送餐员",
        ["careWorker"] = "护工护理员",
        ["domestic"] = "家政服务员",
        ["mallSales"] = "商场信息员",
        ["estateAgent"] = "房产中介员",
        ["securityGuard"] = "保安员",
    };

    public static IEnumerable<string> All => Names.Keys;

    public static bool IsKnown(string group) => Names.ContainsKey(group);
}
