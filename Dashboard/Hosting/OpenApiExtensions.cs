using Coverage.Dashboard.Export;
using Microsoft.OpenApi;

namespace Coverage.Dashboard.Hosting;

public static class OpenApiExtensions
{
    /// <summary>The OpenAPI document describing the whole HTTP API, served at /openapi/v1.json.</summary>
    public static IHostApplicationBuilder AddCoverageOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Coverage API";
                document.Info.Description = "Real-time trade-union coverage: org summaries, rankings, time series, targets, search, " +
                    "station lists and CSV exports. JSON is camelCase; errors are RFC 7807 problem details. Guide: docs/api.md.";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<CsvExportMetadata>().Any() &&
                    operation.Responses?.GetValueOrDefault("200") is OpenApiResponse ok)
                {
                    ok.Content ??= new Dictionary<string, OpenApiMediaType>();
                    ok.Content[CsvResult.MediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                }
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapCoverageOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        return app;
    }
}
