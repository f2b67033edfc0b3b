package dev.parley.protocol.frame;

import dev.parley.protocol.FrameType;

/**
 * Asks for the contact list with presence.
 *
 * @param id request id
 */
public record ListContactsRequest(String id) implements Request {
  /** Checks the id. */
  public ListContactsRequest {
    id = Checks.id(id);
  }

  @Override
  public String type() {
    return FrameType.LIST_CONTACTS;
  }
}
