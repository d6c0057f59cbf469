using Coverage.Contracts;
using Coverage.Dashboard.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Coverage.Dashboard.Hosting;

public static class RealtimeServiceCollectionExtensions
{
    /// <summary>
    /// SignalR with the API's JSON shape, limits on live connections and on calls per connection, and the pipeline that
    /// carries grain changes to subscribed browsers.
    /// </summary>
    public static IHostApplicationBuilder AddCoverageRealtime(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HubCallLimit>();
        builder.Services.AddSingleton<HubConnectionLimit>();
        builder.Services.AddSignalR(options => options.AddFilter<HubCallLimit>())
            .AddJsonProtocol(options => ApiServiceCollectionExtensions.Configure(options.PayloadSerializerOptions));
        builder.Services.AddSingleton<Subscriptions>();
        builder.Services.AddSingleton<KeyedConnections>();
        builder.Services.AddSingleton<IOrgChangeSink>(sp => sp.GetRequiredService<Subscriptions>());
        builder.Services.AddHostedService<OrgChangeBroadcaster>();
        return builder;
    }

    /// <summary>
    /// The hub answers only to callers the read policy admits, within the connection limits; Subscribe then checks the org's
    /// scope. Not HTTP API, so not in OpenAPI.
    /// </summary>
    public static HubEndpointConventionBuilder MapCoverageHub(this IEndpointRouteBuilder app)
    {
        var limit = app.ServiceProvider.GetRequiredService<HubConnectionLimit>();
        var hub = app.MapHub<CoverageHub>(CoverageHub.Path).RequireAuthorization(Auth.Policies.Read).ExcludeFromDescription();
        hub.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate ?? throw new InvalidOperationException($"The hub endpoint {endpoint.DisplayName} has no request delegate.");
            endpoint.RequestDelegate = context => limit.RunAsync(context, inner);
        });
        return hub;
    }
}
