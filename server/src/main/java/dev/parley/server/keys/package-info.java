/**
 * The prekey directory: publishing and fetching key bundles, with the fetch and hand-out allowances
 * and the keys_low notice.
 */
package dev.parley.server.keys;
