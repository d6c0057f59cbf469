namespace Coverage.Contracts;

public enum OrgLevel
{
    National,
    Province,
    City,
    County,
    Grassroots,
}
