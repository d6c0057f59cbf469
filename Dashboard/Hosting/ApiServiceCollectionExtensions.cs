using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Coverage.Contracts;
using Coverage.Dashboard.Api;

namespace Coverage.Dashboard.Hosting;

public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// JSON in camelCase with enums as camelCase strings, RFC 7807 problem details for every error, storage failures
    /// included, and the bound on how many orgs one ranking reads.
    /// </summary>
    public static IHostApplicationBuilder AddCoverageApi(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => Configure(options.SerializerOptions));
        // Registered first, so it is the writer chosen for every problem.
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = Customize);
        builder.Services.AddExceptionHandler<StorageExceptionHandler>();
        builder.Services.AddSingleton<ChildrenResponses>();
        builder.Services.AddOptions<RankingOptions>().Bind(builder.Configuration.GetSection("Rankings"))
            .Validate(o => o.MaxOrgs >= 1, "Rankings:MaxOrgs must be at least 1.")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// Every 503 tells the client when to retry, the same time everywhere, whether an endpoint or an exception produced it;
    /// a 429 links to the RFC that defines it, as other statuses link to RFC 9110 (ASP.NET Core's table has no entry for it);
    /// a path or method no route takes says where the routes are.
    /// </summary>
    private static void Customize(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status503ServiceUnavailable)
            context.HttpContext.Response.Headers.RetryAfter = Problems.RetryAfterSeconds;
        if (context.ProblemDetails.Status == StatusCodes.Status429TooManyRequests)
            context.ProblemDetails.Type ??= "https://tools.ietf.org/html/rfc6585#section-4";
        UnroutedProblems.Explain(context);
    }

    /// <summary>Exceptions and bare status codes answered as problem details.</summary>
    public static WebApplication UseCoverageApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>Enums carry their own converter, so these options hold none and the generated contracts serialize on their fast path.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(ContractJson.Default, options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver());
    }
}
