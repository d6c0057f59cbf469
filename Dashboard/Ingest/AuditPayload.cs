using System.Security.Claims;
using System.Text.Json;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Hosting;
using Coverage.Silo.Audit;

namespace Coverage.Dashboard.Ingest;

/// <summary>Builds audit records in the API's own JSON shape, naming the key and the key's org as the writer.</summary>
public static class AuditPayload
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static AuditRecord For<T>(ClaimsPrincipal user, string orgCode, string action, T payload) =>
        new(user.KeyIdOf() ?? "", user.OrgOf() ?? "", orgCode, action, JsonSerializer.Serialize(payload, Options));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        ApiServiceCollectionExtensions.Configure(options);
        return options;
    }
}
