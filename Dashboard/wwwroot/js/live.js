// The SignalR connection: follows one org (the one on screen) and keeps following it across reconnects.
// Events: 'state' (detail: connecting | connected | reconnecting | disconnected), 'updated' (detail: OrgSummary[]),
// 'treeChanged' (detail: codes of followed orgs registered, renamed or deregistered, or whose children were),
// 'resynced' (subscribed again after a (re)connect: figures may have changed meanwhile), 'failed' (a (re)connect was
// refused, as for a revoked key, or did not reach the server).
const RETRY_DELAYS = [0, 1000, 2000];
const RESTART_DELAY = 5000;
const RECONNECTING_GRACE = 5000;
// How long the first view waits for the first connection, so it is fetched once, after subscribing.
const FIRST_CONNECT_WAIT = 1500;

export class LiveConnection extends EventTarget {
  #connection;
  #state = 'connecting';
  #code = null;
  #subscribed = null;
  #queue = Promise.resolve();
  #restartTimer = null;
  #graceTimer = null;
  #subscriptions = 0;
  #firstAttempt = Promise.resolve();

  constructor({ accessTokenFactory }) {
    super();
    this.#connection = new window.signalR.HubConnectionBuilder()
      .withUrl('/hubs/coverage', { accessTokenFactory })
      .withAutomaticReconnect(RETRY_DELAYS)
      .configureLogging(window.signalR.LogLevel.Warning)
      .build();
    // A handler that returns a value would be taken for a client result, which the server does not expect.
    this.#connection.on('orgsUpdated', summaries => {
      this.dispatchEvent(new CustomEvent('updated', { detail: summaries }));
    });
    this.#connection.on('treeChanged', codes => {
      this.dispatchEvent(new CustomEvent('treeChanged', { detail: codes }));
    });
    this.#connection.onreconnecting(() => {
      this.#setState('reconnecting');
      // A reconnect that hangs (no refusal, no answer) must not look like a short blip forever.
      this.#graceTimer = setTimeout(() => this.#state === 'reconnecting' && this.#setState('disconnected'), RECONNECTING_GRACE);
    });
    this.#connection.onreconnected(() => this.#afterConnect());
    this.#connection.onclose(() => {
      this.#setState('disconnected');
      this.#restartLater();
    });
  }

  get isFollowing() {
    return this.#state === 'connected' && this.#subscribed === this.#code;
  }

  // Names the subscription now in force (a new one after every (re)subscribe); null while not following.
  get subscription() {
    return this.isFollowing ? this.#subscriptions : null;
  }

  start() {
    this.#firstAttempt = this.#connect();
  }

  // Resolves once the subscription matches the org on screen, or when not connected: at once, except that it waits a
  // little for the first connection.
  async follow(code) {
    this.#code = code;
    await Promise.race([this.#firstAttempt, new Promise(resolve => setTimeout(resolve, FIRST_CONNECT_WAIT))]);
    return this.#sync();
  }

  async #connect() {
    this.#restartTimer = null;
    try {
      await this.#connection.start();
    } catch {
      this.#setState('disconnected');
      this.dispatchEvent(new Event('failed'));
      this.#restartLater();
      return;
    }
    await this.#afterConnect();
  }

  async #afterConnect() {
    this.#subscribed = null;
    await this.#sync().catch(() => {});
    // A refused subscription (unknown org, key out of scope) leaves the connection up but the org not followed.
    if (this.#connection.state !== window.signalR.HubConnectionState.Connected) return;
    this.#setState('connected');
    this.dispatchEvent(new Event('resynced'));
  }

  #sync() {
    this.#queue = this.#queue.catch(() => {}).then(async () => {
      if (this.#connection.state !== window.signalR.HubConnectionState.Connected) return;
      const wanted = this.#code;
      const had = this.#subscribed;
      if (wanted === had) return;
      this.#subscribed = null;
      if (had) await this.#connection.invoke('Unsubscribe', had);
      if (wanted) await this.#connection.invoke('Subscribe', wanted);
      this.#subscribed = wanted;
      this.#subscriptions++;
    });
    return this.#queue;
  }

  #restartLater() {
    if (this.#restartTimer) return;
    this.#restartTimer = setTimeout(() => this.#connect(), RESTART_DELAY);
  }

  #setState(state) {
    clearTimeout(this.#graceTimer);
    if (state === this.#state) return;
    this.#state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: state }));
  }
}
