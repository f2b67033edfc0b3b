package dev.parley.bench.load;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code relay}: pairs of clients message each other as fast as their window allows. */
@Command(
    name = "relay",
    description =
        "Pairs of clients send each other messages; reports rate, loss and latency. (Also: jmh,"
            + " bcrypt.)")
final class RelayCommand implements Callable<Integer> {
  @Mixin TargetOptions target = new TargetOptions();
  @Mixin RelayOptions relay = new RelayOptions();

  @Option(
      names = "--opaque",
      description = "Send random envelopes (the server alone) instead of encrypting end to end.")
  boolean opaque;

  @Override
  public Integer call() throws Exception {
    try (Target t = Target.open(target)) {
      RelayResult r = run(t, relay.settings(), opaque);
      Report.print(r.summary(), r.json());
      return r.lost() == 0 && r.duplicated() == 0 ? 0 : 1;
    }
  }

  static RelayResult run(Target t, RelaySettings s, boolean opaque) throws Exception {
    if (opaque) {
      OpaqueRelay r = OpaqueRelay.prepare(t, s, sent -> true);
      try {
        return r.measure();
      } finally {
        r.close();
      }
    }
    try (EncryptedRelay r = EncryptedRelay.prepare(t, s)) {
      return r.measure();
    }
  }
}
