package dev.parley.app.connect;

import dev.parley.client.api.ServerAddress;
import dev.parley.client.discovery.LanServer;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The first screen: type a server address, pick a recent one, or host a server. */
public final class ConnectView {
  private final ConnectViewModel model;
  private final Consumer<ServerAddress> onConnect;
  private final BorderPane root = new BorderPane();

  private final Runnable onHost;
  private final Consumer<LanServer> onLanServer;

  /**
   * Builds the screen: {@code onConnect} gets a validated address, {@code onLanServer} a server
   * picked from the LAN list, {@code onHost} starts hosting.
   */
  public ConnectView(
      ConnectViewModel model,
      Consumer<ServerAddress> onConnect,
      Consumer<LanServer> onLanServer,
      Runnable onHost) {
    this.model = model;
    this.onConnect = onConnect;
    this.onLanServer = onLanServer;
    this.onHost = onHost;
    root.getStyleClass().add("connect-screen");
    ScrollPane scroll = new ScrollPane(centered(card()));
    scroll.setFitToWidth(true);
    scroll.setFitToHeight(true);
    scroll.getStyleClass().add("edge-to-edge");
    root.setCenter(scroll);
  }

  private Parent lanSection() {
    Label label = new Label("On your network");
    label.getStyleClass().add("section-label");
    ListView<LanServer> list = new ListView<>(model.lanServers());
    list.setId("lan-servers");
    list.setPrefHeight(110);
    list.setCellFactory(v -> new LanServerCell(model::offer, onLanServer));
    Label none = new Label("No Parley servers announced on your network right now.");
    none.getStyleClass().add("text-muted");
    list.setPlaceholder(none);
    list.setOnMouseClicked(
        e -> {
          LanServer picked = list.getSelectionModel().getSelectedItem();
          if (picked != null && e.getClickCount() == 2) {
            onLanServer.accept(picked);
          }
        });
    list.setOnKeyPressed(
        e -> {
          LanServer picked = list.getSelectionModel().getSelectedItem();
          if (picked != null && e.getCode() == javafx.scene.input.KeyCode.ENTER) {
            onLanServer.accept(picked);
          }
        });
    return new VBox(6, label, list);
  }

  private Parent hostSection() {
    Button host = new Button("Host a server on this computer", new FontIcon(Feather.SERVER));
    host.setId("host-button");
    host.setMaxWidth(Double.MAX_VALUE);
    host.disableProperty().bind(model.busyProperty());
    host.setOnAction(e -> onHost.run());
    Label hint =
        new Label(
            "Starts a Parley server inside this app; others on your network connect to this"
                + " computer. It runs while Parley is open.");
    hint.getStyleClass().add("text-muted");
    hint.setWrapText(true);
    hint.setMinHeight(Region.USE_PREF_SIZE); // all its lines, never "…"
    javafx.scene.control.CheckBox auto =
        new javafx.scene.control.CheckBox("Start hosting whenever Parley opens");
    auto.setId("auto-host");
    auto.selectedProperty().bindBidirectional(model.autoHostProperty());
    return new VBox(6, host, hint, auto);
  }

  /** The node to put in a scene. */
  public Parent node() {
    return root;
  }

  private static Parent centered(Parent content) {
    StackPane pane = new StackPane(content);
    pane.setPadding(new Insets(32, 24, 32, 24));
    StackPane.setAlignment(content, Pos.TOP_CENTER);
    return pane;
  }

  private Parent card() {
    Label title = new Label("Connect to a server");
    title.getStyleClass().add("title-2");
    Label subtitle =
        new Label(
            "Chat privately with people on your network. Every message is end-to-end"
                + " encrypted: the server cannot read it.");
    subtitle.getStyleClass().add("text-muted");
    subtitle.setWrapText(true);
    subtitle.setMinHeight(Region.USE_PREF_SIZE); // all its lines, never "…"

    Label addressLabel = new Label("Server address");
    TextField address = new TextField();
    address.setId("server-address");
    address.setPromptText("host or host:port");
    address.textProperty().bindBidirectional(model.addressProperty());
    addressLabel.setLabelFor(address);
    HBox.setHgrow(address, Priority.ALWAYS);
    Button connect = new Button("Connect", new FontIcon(Feather.ARROW_RIGHT));
    connect.setId("connect-button");
    connect.getStyleClass().add("accent");
    connect.setDefaultButton(true);
    connect.disableProperty().bind(model.addressBlankProperty().or(model.busyProperty()));
    javafx.scene.control.ProgressIndicator progress = new javafx.scene.control.ProgressIndicator();
    progress.setId("connect-progress");
    progress.setPrefSize(22, 22);
    progress.visibleProperty().bind(model.busyProperty());
    progress.managedProperty().bind(model.busyProperty());
    connect.setOnAction(e -> model.validatedAddress().ifPresent(onConnect));
    HBox addressRow = new HBox(8, address, connect, progress);
    addressRow.setAlignment(Pos.CENTER_LEFT);
    Label error = new Label();
    error.setId("address-error");
    error.getStyleClass().add("field-error");
    error.textProperty().bind(model.errorProperty());
    error.visibleProperty().bind(model.errorProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());
    error.setWrapText(true);
    error.setMinHeight(Region.USE_PREF_SIZE); // all its lines, never "…"

    Label recentLabel = new Label("Recent servers");
    recentLabel.getStyleClass().add("section-label");
    ListView<RecentServer> recent = new ListView<>(model.recentServers());
    recent.setId("recent-servers");
    recent.setPrefHeight(120);
    recent.setCellFactory(list -> new RecentServerCell());
    Label noRecent = new Label("Servers you connect to will be listed here.");
    noRecent.getStyleClass().add("text-muted");
    recent.setPlaceholder(noRecent);
    recent.setOnMouseClicked(
        e -> {
          RecentServer picked = recent.getSelectionModel().getSelectedItem();
          if (picked != null) {
            model.addressProperty().set(picked.address().toString());
            if (e.getClickCount() == 2) {
              model.validatedAddress().ifPresent(onConnect);
            }
          }
        });

    VBox card =
        new VBox(
            12,
            title,
            subtitle,
            new VBox(6, addressLabel, addressRow, error),
            lanSection(),
            new VBox(6, recentLabel, recent),
            new javafx.scene.control.Separator(),
            hostSection());
    card.getStyleClass().add("connect-card");
    card.setMaxWidth(520);
    card.setMaxHeight(Region.USE_PREF_SIZE);
    card.setPadding(new Insets(28));
    return card;
  }
}
