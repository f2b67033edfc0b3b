package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;

/**
 * The {@code ok} to an {@code add_contact}.
 *
 * @param re the request's id
 * @param contact the contact added
 */
public record ContactOk(String re, ContactInfo contact) implements Answer {
  /** Checks the fields. */
  public ContactOk {
    re = Checks.id(re);
    Checks.check(
        () -> {
          FieldRules.required("contact", contact);
        });
  }

  @Override
  public String type() {
    return FrameType.OK;
  }
}
