using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coverage.Contracts;

/// <summary>
/// Compile-time JSON for the contracts written on every ingest request: the summary answered, the figures audited and
/// the totals kept as history. Web defaults, as the API's own options, so serialization takes the generated fast path.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrgSummary))]
[JsonSerializable(typeof(Figures))]
[JsonSerializable(typeof(Totals))]
public sealed partial class ContractJson : JsonSerializerContext;
