// A connection to the Coverage hub through the real @microsoft/signalr client, with a key as its access token if given.
import * as signalR from '@microsoft/signalr';

export function hubConnection(baseUrl, { key, logLevel = signalR.LogLevel.None } = {}) {
  return new signalR.HubConnectionBuilder()
    .withUrl(`${baseUrl}/hubs/coverage`, key ? { accessTokenFactory: () => key } : {})
    .configureLogging(logLevel)
    .build();
}
