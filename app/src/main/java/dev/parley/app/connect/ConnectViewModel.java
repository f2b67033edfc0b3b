package dev.parley.app.connect;

import dev.parley.client.ServerAddress;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** State and actions of the connect screen. */
public final class ConnectViewModel {
  private final StringProperty address = new SimpleStringProperty(this, "address", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ObservableList<ServerAddress> recentServers = FXCollections.observableArrayList();
  private final BooleanBinding addressBlank =
      Bindings.createBooleanBinding(() -> address.get().isBlank(), address);

  /** A fresh connect screen. */
  public ConnectViewModel() {
    address.addListener((obs, old, now) -> error.set(""));
  }

  /** What the user typed into the address field. */
  public StringProperty addressProperty() {
    return address;
  }

  /** A readable reason why the last connect attempt did not start; empty when there is none. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** True while there is nothing to connect to. */
  public BooleanBinding addressBlankProperty() {
    return addressBlank;
  }

  /** Servers this user connected to before, most recent first. */
  public ObservableList<ServerAddress> recentServers() {
    return recentServers;
  }

  /**
   * Checks the typed address and returns it when it can be connected to; otherwise sets {@link
   * #errorProperty()} and returns empty.
   */
  public Optional<ServerAddress> validatedAddress() {
    try {
      ServerAddress parsed = ServerAddress.parse(address.get());
      error.set("");
      return Optional.of(parsed);
    } catch (IllegalArgumentException bad) {
      error.set(bad.getMessage());
      return Optional.empty();
    }
  }
}
