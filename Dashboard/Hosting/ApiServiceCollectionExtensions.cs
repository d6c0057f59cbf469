using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coverage.Dashboard.Hosting;

public static class ApiServiceCollectionExtensions
{
    /// <summary>JSON in camelCase with enums as camelCase strings, and RFC 7807 problem details for every error.</summary>
    public static IHostApplicationBuilder AddCoverageApi(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => Configure(options.SerializerOptions));
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }
}
