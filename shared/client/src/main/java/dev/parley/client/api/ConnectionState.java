package dev.parley.client.api;

/** Where the client's link to its server stands. */
public enum ConnectionState {
  /** Not connected and not trying. */
  DISCONNECTED,
  /** Connecting or logging in. */
  CONNECTING,
  /** Logged in; messages flow. */
  ONLINE,
  /** The connection dropped; retrying with backoff. Messages written meanwhile are queued. */
  RECONNECTING
}
