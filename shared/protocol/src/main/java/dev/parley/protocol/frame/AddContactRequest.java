package dev.parley.protocol.frame;

import dev.parley.protocol.FrameType;

/**
 * Adds a contact (adding oneself is the server's {@code bad_request}).
 *
 * @param id request id
 * @param user the user, canonicalised (as sent: 1–64 characters, else {@code bad_request}; a name
 *     breaking the username rules is {@code unknown_user})
 */
public record AddContactRequest(String id, String user) implements Request {
  /** Checks the fields in wire order and canonicalises the user. */
  public AddContactRequest {
    id = Checks.id(id);
    user = Checks.requestedUser("user", user);
  }

  @Override
  public String type() {
    return FrameType.ADD_CONTACT;
  }
}
