// A connection to the Coverage hub through the real @microsoft/signalr client, with a key as its access token if given.
import * as signalR from '@microsoft/signalr';

export { HttpTransportType } from '@microsoft/signalr';

// transport: one of HttpTransportType, for a client whose WebSockets are blocked; the client chooses when none is given.
export function hubConnection(baseUrl, { key, transport, logLevel = signalR.LogLevel.None } = {}) {
  return new signalR.HubConnectionBuilder()
    .withUrl(`${baseUrl}/hubs/coverage`, { ...(key ? { accessTokenFactory: () => key } : {}), ...(transport ? { transport } : {}) })
    .configureLogging(logLevel)
    .build();
}
