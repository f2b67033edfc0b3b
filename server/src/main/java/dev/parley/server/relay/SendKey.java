package dev.parley.server.relay;

/**
 * A (sender, msgId) pair, as the relay looks a send up: the two strings the request already holds,
 * with their hash computed once. A key built by concatenating them was one more string (and its
 * bytes) per message in flight.
 */
final class SendKey {
  final String sender;
  final String msgId;
  private final int hash;

  SendKey(String sender, String msgId) {
    this.sender = sender;
    this.msgId = msgId;
    this.hash = 31 * sender.hashCode() + msgId.hashCode();
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SendKey k
        && hash == k.hash
        && msgId.equals(k.msgId)
        && sender.equals(k.sender);
  }

  @Override
  public String toString() {
    return sender + "/" + msgId;
  }
}
