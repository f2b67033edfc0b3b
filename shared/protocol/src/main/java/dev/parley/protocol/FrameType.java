package dev.parley.protocol;

/** The {@code type} values of every frame in protocol version 1. */
public final class FrameType {
  private FrameType() {}

  // Both directions.
  /** First frame in each direction. */
  public static final String HELLO = "hello";

  /** Keep-alive request (client) or probe (server). */
  public static final String PING = "ping";

  /** Answer to a ping. */
  public static final String PONG = "pong";

  // Answers.
  /** Success answer carrying {@code re}. */
  public static final String OK = "ok";

  /** Failure answer or connection-level error. */
  public static final String ERROR = "error";

  // Requests.
  /** Create an account (and log in). */
  public static final String REGISTER = "register";

  /** Log in. */
  public static final String LOGIN = "login";

  /** End the session; the connection stays open. */
  public static final String LOGOUT = "logout";

  /** Change the logged-in account's password. */
  public static final String CHANGE_PASSWORD = "change_password";

  /** Upload identity keys, signed prekey and one-time prekeys. */
  public static final String PUBLISH_KEYS = "publish_keys";

  /** Get a user's prekey bundle. */
  public static final String FETCH_BUNDLE = "fetch_bundle";

  /** Add a contact. */
  public static final String ADD_CONTACT = "add_contact";

  /** Remove a contact. */
  public static final String REMOVE_CONTACT = "remove_contact";

  /** List contacts with presence. */
  public static final String LIST_CONTACTS = "list_contacts";

  /** Relay an envelope. */
  public static final String SEND = "send";

  /** Confirm a delivered message so the server deletes it. */
  public static final String ACK = "ack";

  /** Confirm a delivered receipt so the server deletes it. */
  public static final String ACK_RECEIPT = "ack_receipt";

  /** Relay an ephemeral opaque notice (typing) to an online user; also the event's type. */
  public static final String TYPING = "typing";

  // Events.
  /** An envelope for this user. */
  public static final String MESSAGE = "message";

  /** The recipient's device acknowledged a message this user sent. */
  public static final String RECEIPT = "receipt";

  /** A contact came online or went offline. */
  public static final String PRESENCE = "presence";

  /** Few one-time prekeys remain on the server. */
  public static final String KEYS_LOW = "keys_low";
}
