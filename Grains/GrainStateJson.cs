using System.Text.Json;
using System.Text.Json.Serialization;
using Coverage.Contracts;

namespace Coverage.Grains;

/// <summary>Compile-time JSON for grain state, which is written on every accepted write.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrgState))]
[JsonSerializable(typeof(OrgParts))]
[JsonSerializable(typeof(StationState))]
[JsonSerializable(typeof(ChildTotals))]
public sealed partial class GrainStateJson : JsonSerializerContext;
