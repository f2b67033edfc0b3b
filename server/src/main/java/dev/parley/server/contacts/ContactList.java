package dev.parley.server.contacts;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.session.Presence;
import dev.parley.server.session.UserField;
import dev.parley.server.store.Contact;
import dev.parley.server.store.ContactStore;
import java.util.concurrent.CompletableFuture;

/**
 * Contact lists ({@code add_contact}, {@code remove_contact}, {@code list_contacts}). A pair that
 * becomes or stops being mutual changes what {@link Presence} shows each side.
 */
public final class ContactList {
  private final ContactStore store;
  private final Presence presence;

  /** Contact lists in {@code store}, their presence through {@code presence}. */
  public ContactList(ContactStore store, Presence presence) {
    this.store = store;
    this.presence = presence;
  }

  /** {@code add_contact} from {@code me}. */
  public CompletableFuture<JsonObject> add(String me, JsonObject f) throws ProtocolException {
    String who = UserField.read(f, "user");
    if (who.equals(me)) {
      throw ProtocolException.badRequest("You cannot add yourself.");
    }
    return store
        .addContact(me, who, System.currentTimeMillis())
        .thenApply(
            change -> {
              if (change.becameMutual()) {
                presence.pairFormed(me, who);
              }
              JsonObject body = new JsonObject();
              body.add("contact", contactJson(change.contact()));
              return body;
            });
  }

  /** {@code remove_contact} from {@code me}. */
  public CompletableFuture<JsonObject> remove(String me, JsonObject f) throws ProtocolException {
    String who = UserField.read(f, "user");
    return store
        .removeContact(me, who)
        .thenApply(
            brokePair -> {
              if (brokePair) {
                presence.pairBroken(me, who);
              }
              return new JsonObject();
            });
  }

  /** {@code list_contacts} of {@code me}. */
  public CompletableFuture<JsonObject> list(String me) {
    return store
        .contacts(me)
        .thenApply(
            contacts -> {
              JsonArray list = new JsonArray();
              contacts.forEach(c -> list.add(contactJson(c)));
              JsonObject body = new JsonObject();
              body.add("contacts", list);
              return body;
            });
  }

  /** A contact as answered: presence only within a mutual pair (else always offline). */
  private JsonObject contactJson(Contact contact) {
    JsonObject c = new JsonObject();
    c.addProperty("user", contact.user());
    c.addProperty("online", presence.shownOnline(contact.user(), contact.mutual()));
    c.addProperty("mutual", contact.mutual());
    return c;
  }
}
