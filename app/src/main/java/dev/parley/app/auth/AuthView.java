package dev.parley.app.auth;

import dev.parley.app.ui.Fx;
import dev.parley.client.api.ServerInfo;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The login / register card shown after connecting. */
public final class AuthView {
  private final StackPane root = new StackPane();

  /** A form for {@code server}; {@code loggedIn} runs after success, {@code back} disconnects. */
  public AuthView(AuthViewModel model, ServerInfo server, Runnable loggedIn, Runnable back) {
    Label title = new Label();
    title.getStyleClass().add("title-2");
    title
        .textProperty()
        .bind(
            Bindings.when(model.modeProperty().isEqualTo(AuthViewModel.Mode.LOGIN))
                .then("Log in")
                .otherwise("Create an account"));
    Label where = new Label("on " + server.name() + " (" + server.address() + ")");
    where.getStyleClass().add("text-muted");

    TextField username = new TextField();
    username.setId("username");
    username.setPromptText("3–32 letters, digits, . _ -");
    username.textProperty().bindBidirectional(model.usernameProperty());
    PasswordField password = new PasswordField();
    password.setId("password");
    password.textProperty().bindBidirectional(model.passwordProperty());
    PasswordField confirm = new PasswordField();
    confirm.setId("confirm");
    confirm.textProperty().bindBidirectional(model.confirmProperty());
    leaving(username, model, AuthViewModel.Field.USERNAME);
    leaving(password, model, AuthViewModel.Field.PASSWORD);
    leaving(confirm, model, AuthViewModel.Field.CONFIRM);

    var registering = model.modeProperty().isEqualTo(AuthViewModel.Mode.REGISTER);
    Label confirmLabel = new Label("Repeat the password");
    confirmLabel.setLabelFor(confirm);
    VBox confirmBox =
        new VBox(6, confirmLabel, confirm, error("confirm-error", model.confirmErrorProperty()));
    confirmBox.visibleProperty().bind(registering);
    confirmBox.managedProperty().bind(registering);
    PasswordChecklist checklist = new PasswordChecklist(model.rules());
    checklist.visibleProperty().bind(registering);
    checklist.managedProperty().bind(registering);

    Button submit = new Button();
    submit.setId("submit");
    submit.getStyleClass().add("accent");
    submit.setDefaultButton(true);
    submit.setMaxWidth(Double.MAX_VALUE);
    submit
        .textProperty()
        .bind(Bindings.when(registering).then("Create account").otherwise("Log in"));
    submit.disableProperty().bind(model.canSubmitProperty().not());
    submit.setOnAction(
        e ->
            model
                .submit(loggedIn)
                .ifPresent(
                    f ->
                        (switch (f) {
                              case USERNAME -> username;
                              case PASSWORD -> password;
                              case CONFIRM -> confirm;
                            })
                            .requestFocus()));
    ProgressIndicator progress = new ProgressIndicator();
    progress.setId("auth-progress");
    progress.setPrefSize(22, 22);
    progress.visibleProperty().bind(model.busyProperty());
    progress.managedProperty().bind(model.busyProperty());
    HBox actions = new HBox(10, submit, progress);
    actions.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(submit, javafx.scene.layout.Priority.ALWAYS);

    Hyperlink switchMode = new Hyperlink();
    switchMode.setId("switch-mode");
    switchMode
        .textProperty()
        .bind(
            Bindings.when(registering)
                .then("I already have an account")
                .otherwise("New here? Create an account"));
    switchMode.setOnAction(
        e ->
            model
                .modeProperty()
                .set(
                    model.modeProperty().get() == AuthViewModel.Mode.LOGIN
                        ? AuthViewModel.Mode.REGISTER
                        : AuthViewModel.Mode.LOGIN));
    Hyperlink other = new Hyperlink("Choose another server");
    other.setId("back");
    other.setOnAction(e -> back.run());

    Label usernameLabel = new Label("Username");
    usernameLabel.setLabelFor(username);
    Label passwordLabel = new Label("Password");
    passwordLabel.setLabelFor(password);
    VBox card =
        new VBox(
            12,
            new VBox(2, title, where),
            new VBox(
                6, usernameLabel, username, error("username-error", model.usernameErrorProperty())),
            new VBox(
                6, passwordLabel, password, error("password-error", model.passwordErrorProperty())),
            confirmBox,
            checklist,
            error("form-error", model.formErrorProperty()),
            actions,
            new HBox(8, switchMode, other));
    card.getStyleClass().add("connect-card");
    card.setPadding(new Insets(28));
    card.setMaxWidth(440);
    card.setMaxHeight(Region.USE_PREF_SIZE);
    card.disableProperty().bind(model.busyProperty());
    root.getChildren().add(card);
    root.setPadding(new Insets(32, 24, 32, 24));
    StackPane.setAlignment(card, Pos.TOP_CENTER);
    root.getStyleClass().add("auth-screen");
    // The cursor waits in the first empty field once the form is on screen.
    Fx.focusWhenShown(root, () -> model.usernameProperty().get().isBlank() ? username : password);
  }

  /** Tells {@code model} when the person leaves {@code field}, so its problem may show. */
  private static void leaving(
      javafx.scene.control.TextInputControl field, AuthViewModel model, AuthViewModel.Field f) {
    field
        .focusedProperty()
        .addListener(
            (o, was, now) -> {
              if (was && !now) {
                model.left(f);
              }
            });
  }

  private static Label error(String id, javafx.beans.value.ObservableStringValue text) {
    Label l = new Label();
    l.setId(id);
    l.getStyleClass().add("field-error");
    l.setWrapText(true);
    // A VBox gives a label its minimum height, one line: a longer explanation would end in "…".
    l.setMinHeight(Region.USE_PREF_SIZE);
    l.textProperty().bind(text);
    l.visibleProperty().bind(Bindings.isNotEmpty(text));
    l.managedProperty().bind(l.visibleProperty());
    return l;
  }

  /** The node to show. */
  public Parent node() {
    // In a small window the form with its explanations is taller than the window: it scrolls
    // rather than squeezing the explanations to one line each.
    javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(root);
    scroll.setFitToWidth(true);
    scroll.setFitToHeight(true);
    scroll.getStyleClass().add("edge-to-edge");
    return scroll;
  }
}
