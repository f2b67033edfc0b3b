package dev.parley.protocol.frame;

import dev.parley.protocol.FrameType;

/**
 * Asks for a user's prekey bundle.
 *
 * @param id request id
 * @param user the user, canonicalised (as sent: 1–64 characters, else {@code bad_request}; a name
 *     breaking the username rules is {@code unknown_user})
 */
public record FetchBundleRequest(String id, String user) implements Request {
  /** Checks the fields in wire order and canonicalises the user. */
  public FetchBundleRequest {
    id = Checks.id(id);
    user = Checks.requestedUser("user", user);
  }

  @Override
  public String type() {
    return FrameType.FETCH_BUNDLE;
  }
}
