package dev.parley.server.relay;

/**
 * A (sender, msgId) pair, as the relay looks a send up: the two strings the request already holds
 * (their hashes are cached by the strings). A key built by concatenating them was one more string,
 * and its bytes, per message in flight.
 */
record SendKey(String sender, String msgId) {}
