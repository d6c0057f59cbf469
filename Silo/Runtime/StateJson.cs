using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Coverage.Contracts;
using Coverage.Grains;

namespace Coverage.Silo.Runtime;

/// <summary>One JSON shape for stored grain state, so recovery and grains read what the other wrote.</summary>
internal static class StateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(GrainStateJson.Default, ContractJson.Default, new DefaultJsonTypeInfoResolver()),
    };
}
