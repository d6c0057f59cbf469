namespace Coverage.Dashboard.Api;

/// <summary>Adds Retry-After to every 503 an endpoint returns, so clients back off for the same time everywhere.</summary>
public sealed class RetryAfterFilter : IEndpointFilter
{
    public const string Seconds = "2";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        if (inner is IStatusCodeHttpResult { StatusCode: StatusCodes.Status503ServiceUnavailable })
            context.HttpContext.Response.Headers.RetryAfter = Seconds;
        return result;
    }
}
