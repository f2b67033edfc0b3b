package dev.parley.protocol.frame;

import dev.parley.protocol.FrameType;

/**
 * Removes a contact.
 *
 * @param id request id
 * @param user the user, canonicalised (as sent: 1–64 characters, else {@code bad_request}; a name
 *     breaking the username rules is {@code unknown_user})
 */
public record RemoveContactRequest(String id, String user) implements Request {
  /** Checks the fields in wire order and canonicalises the user. */
  public RemoveContactRequest {
    id = Checks.id(id);
    user = Checks.requestedUser("user", user);
  }

  @Override
  public String type() {
    return FrameType.REMOVE_CONTACT;
  }
}
