package dev.parley.server.store;

import dev.parley.platform.sql.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The contacts table: who has added whom. */
public final class ContactStore {
  private final Database db;
  private final QueueCounters queues;
  private final CacheGuard guard;

  ContactStore(Database db, QueueCounters queues, CacheGuard guard) {
    this.db = db;
    this.queues = queues;
    this.guard = guard;
  }

  /**
   * Adds {@code contact} to {@code owner}'s list (again is fine); fails with {@code unknown_user}.
   * Says whether the pair is mutual now and whether this addition made it so.
   */
  public CompletableFuture<ContactChange> addContact(String owner, String contact, long now) {
    return guard.guard(
        db.write(
            c -> {
              AccountStore.requireUser(c, contact);
              boolean added =
                  Sql.update(
                          c,
                          "INSERT INTO contacts(owner, contact, added_at) VALUES (?, ?, ?) "
                              + "ON CONFLICT DO NOTHING",
                          owner,
                          contact,
                          now)
                      > 0;
              boolean mutual = isContact(c, contact, owner);
              // What contact has queued for owner leaves the strangers' pool.
              queues.contactChanged(owner, contact, true);
              return new ContactChange(new Contact(contact, mutual), added && mutual);
            }));
  }

  /**
   * Removes a contact (no error if it was not there); true when this broke a mutual pair (the other
   * still has {@code owner} as a contact).
   */
  public CompletableFuture<Boolean> removeContact(String owner, String contact) {
    return guard.guard(
        db.write(
            c -> {
              boolean removed =
                  Sql.update(
                          c, "DELETE FROM contacts WHERE owner = ? AND contact = ?", owner, contact)
                      > 0;
              // What contact has queued for owner counts in the strangers' pool again.
              queues.contactChanged(owner, contact, false);
              return removed && isContact(c, contact, owner);
            }));
  }

  /** True when {@code owner} has {@code contact} in its list. */
  static boolean isContact(Connection c, String owner, String contact) throws SQLException {
    return Sql.exists(c, "SELECT 1 FROM contacts WHERE owner = ? AND contact = ?", owner, contact);
  }

  /** {@code owner}'s contacts, sorted by name, each saying whether it added {@code owner} too. */
  public CompletableFuture<List<Contact>> contacts(String owner) {
    return db.read(
        c ->
            Sql.list(
                c,
                "SELECT c.contact, EXISTS (SELECT 1 FROM contacts r "
                    + "WHERE r.owner = c.contact AND r.contact = c.owner) "
                    + "FROM contacts c WHERE c.owner = ? ORDER BY 1",
                rs -> new Contact(rs.getString(1), rs.getBoolean(2)),
                owner));
  }

  /**
   * Runs {@code then} on the reader thread with the users in a mutual pair with {@code user} (each
   * has the other as a contact): the only ones who see its presence. Calls run in the order they
   * were made, each seeing every write committed before it ran, so presence events sent from {@code
   * then} reach a watcher in the order of the changes they describe (a login announced late cannot
   * overtake the removal that followed it).
   */
  public CompletableFuture<Void> forMutualContacts(String user, Consumer<List<String>> then) {
    return db.read(
        c -> {
          then.accept(
              Sql.list(
                  c,
                  "SELECT c.owner FROM contacts c JOIN contacts r "
                      + "ON r.owner = c.contact AND r.contact = c.owner WHERE c.contact = ?",
                  rs -> rs.getString(1),
                  user));
          return null;
        });
  }
}
