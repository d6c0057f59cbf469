using Coverage.Contracts;
using Coverage.Silo.Hierarchy;

namespace Coverage.Dashboard.Ingest;

/// <summary>Registers one unit at a time, so two concurrent requests cannot both claim one unit code.</summary>
public sealed class UnitRegistration(OrgDirectory directory, OrgRegistry registry)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Null and the org holding the code when it is taken; otherwise the unit and whether it is new.</summary>
    public async Task<(OrgInfo? Unit, bool Created, OrgInfo? Holder)> PutAsync(string countyCode, string unitCode, string name, OrgKind kind)
    {
        await _gate.WaitAsync();
        try
        {
            var existing = directory.Find(unitCode);
            if (existing is not null && (existing.Level != OrgLevel.Grassroots || existing.ParentCode != countyCode))
                return (null, false, existing);
            var unit = new OrgInfo(unitCode, name, OrgLevel.Grassroots, kind, countyCode);
            if (existing != unit)
                await registry.PutAsync(unit);
            return (unit, existing is null, null);
        }
        finally
        {
            _gate.Release();
        }
    }
}
