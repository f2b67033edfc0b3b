package dev.parley.protocol.frame;

import dev.parley.protocol.FrameType;

/**
 * The bodiless {@code ok} to {@code logout}, {@code change_password}, {@code remove_contact},
 * {@code ack}, {@code ack_receipt} and {@code typing}.
 *
 * @param re the request's id
 */
public record EmptyOk(String re) implements Answer {
  /** Checks {@code re}. */
  public EmptyOk {
    re = Checks.id(re);
  }

  @Override
  public String type() {
    return FrameType.OK;
  }
}
