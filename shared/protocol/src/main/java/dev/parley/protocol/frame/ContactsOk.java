package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import java.util.List;

/**
 * The {@code ok} to a {@code list_contacts}.
 *
 * @param re the request's id
 * @param contacts the contacts, sorted by name
 */
public record ContactsOk(String re, List<ContactInfo> contacts) implements Answer {
  /** Checks the fields. */
  public ContactsOk {
    re = Checks.id(re);
    var givenContacts = contacts;
    Checks.check(
        () -> {
          FieldRules.required("contacts", givenContacts);
          FieldRules.maxElements("contacts", givenContacts.size(), Limits.MAX_CONTACTS_LISTED);
        });
    contacts = List.copyOf(contacts);
  }

  @Override
  public String type() {
    return FrameType.OK;
  }
}
