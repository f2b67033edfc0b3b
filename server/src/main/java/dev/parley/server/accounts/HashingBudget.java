package dev.parley.server.accounts;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much bcrypt work logins and password changes may start, per address and per account
 * (docs/PROTOCOL.md §5). Every operation counts, whether the secret turns out right or wrong: the
 * failed-login limits ({@link LoginThrottle}) never stop a right secret, so without this a few
 * accounts of one's own could keep the hashing pool busy for everyone.
 *
 * <ul>
 *   <li>The <b>address</b> pays for every operation its requests start: each check of a login or a
 *       password change (also the dummy check of an unknown name) and each new hash they make.
 *   <li>The <b>account</b> pays for the operations of its own password changes (the session is that
 *       account, right old secret or wrong) and for those of its logins <em>once the secret proved
 *       right</em>. A wrong guess at someone's account is not charged to that account: anyone could
 *       lock anyone out otherwise; the guesser's address pays for it.
 * </ul>
 *
 * A request is refused with {@code rate_limited} when it starts and its address (or, for a password
 * change or a login, its account) has less than one operation left; it then reserves its first
 * operation. Follow-up operations (the new hash of a change, the upgrade hash of a login) are
 * charged when they start and may run a budget into debt, which later requests wait out. Budgets
 * are token buckets; thread-safe.
 */
public final class HashingBudget {
  // Full budgets are forgotten; beyond this many the least recently used go first.
  private static final int MAX_ENTRIES = 100_000;

  private static final class Bucket {
    double tokens;
    long last;

    Bucket(double tokens, long last) {
      this.tokens = tokens;
      this.last = last;
    }
  }

  /** One kind of budget: so many operations a minute, at most {@code burst} saved up. */
  private record Rate(String prefix, double perNano, double burst) {
    static Rate of(String prefix, int perMinute, int burst) {
      if (perMinute < 1 || burst < 1) {
        throw new IllegalArgumentException("rate and burst must be positive");
      }
      return new Rate(prefix, perMinute / 60e9, burst);
    }
  }

  private final Rate perAddress;
  private final Rate perAccount;
  private final Map<String, Bucket> buckets =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /** Budgets of {@code addressPerMinute} (burst {@code addressBurst}) and the same per account. */
  public HashingBudget(
      int addressPerMinute, int addressBurst, int accountPerMinute, int accountBurst) {
    perAddress = Rate.of("a:", addressPerMinute, addressBurst);
    perAccount = Rate.of("u:", accountPerMinute, accountBurst);
  }

  /**
   * Reserves the first check of a login at {@code account} from {@code address}; refuses with
   * {@code rate_limited} when the address has no operation left, or the account (through its own
   * right logins and password changes) has none.
   */
  public synchronized Ticket startLogin(String address, String account, long nowNanos)
      throws ProtocolException {
    refuseUnlessAvailable(address, account, nowNanos);
    take(perAddress, address, nowNanos, 1);
    return new Ticket(address, account, false);
  }

  /** Reserves the check of the old secret of {@code account}'s password change. */
  public synchronized Ticket startChange(String address, String account, long nowNanos)
      throws ProtocolException {
    refuseUnlessAvailable(address, account, nowNanos);
    take(perAddress, address, nowNanos, 1);
    take(perAccount, account, nowNanos, 1);
    return new Ticket(address, account, true);
  }

  private void refuseUnlessAvailable(String address, String account, long now)
      throws ProtocolException {
    long wait = Math.max(waitFor(perAddress, address, now), waitFor(perAccount, account, now));
    if (wait > 0) {
      throw new ProtocolException(
          ErrorCode.RATE_LIMITED, "Too many password checks; wait and try again.", List.of(), wait);
    }
  }

  /** Milliseconds until {@code key} has one operation, 0 if it has one now. */
  private long waitFor(Rate rate, String key, long now) {
    Bucket b = buckets.get(rate.prefix() + key);
    if (b == null) {
      return 0;
    }
    double tokens = refilled(rate, b, now);
    return tokens >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / rate.perNano() / 1e6));
  }

  private static double refilled(Rate rate, Bucket b, long now) {
    return Math.min(rate.burst(), b.tokens + Math.max(0, now - b.last) * rate.perNano());
  }

  /** Adds {@code n} operations (negative: gives them back) to {@code key}'s use. */
  private void take(Rate rate, String key, long now, double n) {
    String k = rate.prefix() + key;
    Bucket b = buckets.get(k);
    if (b == null) {
      b = new Bucket(rate.burst(), now);
      buckets.put(k, b);
    }
    b.tokens = Math.min(rate.burst(), refilled(rate, b, now) - n);
    b.last = Math.max(b.last, now);
    if (b.tokens >= rate.burst()) {
      buckets.remove(k); // a full budget is the same as none
    }
  }

  /**
   * The budget of one request. Charge every operation when it is submitted ({@link #charge}; the
   * first uses the reservation), give back one the pool refused ({@link #refund}), and {@link #end}
   * the request, which gives back a reservation that no operation used.
   */
  public final class Ticket {
    private final String address;
    private final String account;
    private boolean accountPays;
    private int charged; // operations charged so far, the reservation included
    private boolean reservationUsed;
    private boolean ended;

    private Ticket(String address, String account, boolean accountPays) {
      this.address = address;
      this.account = account;
      this.accountPays = accountPays;
      this.charged = 1;
    }

    /** An operation is being submitted to the pool. */
    public void charge() {
      synchronized (HashingBudget.this) {
        if (!reservationUsed) {
          reservationUsed = true;
          return;
        }
        long now = System.nanoTime();
        charged++;
        take(perAddress, address, now, 1);
        if (accountPays) {
          take(perAccount, account, now, 1);
        }
      }
    }

    /** The operation just charged was refused by the pool ({@code server_busy}). */
    public void refund() {
      synchronized (HashingBudget.this) {
        if (charged > 0) {
          charged--;
          long now = System.nanoTime();
          take(perAddress, address, now, -1);
          if (accountPays) {
            take(perAccount, account, now, -1);
          }
        }
      }
    }

    /** The login's secret was right: from now on, and for what it cost so far, the account pays. */
    public void proved() {
      synchronized (HashingBudget.this) {
        if (!accountPays) {
          accountPays = true;
          take(perAccount, account, System.nanoTime(), charged);
        }
      }
    }

    /** The request is over; a reservation no operation used is given back. */
    public void end() {
      synchronized (HashingBudget.this) {
        if (!ended) {
          ended = true;
          if (!reservationUsed) {
            reservationUsed = true;
            refund();
          }
        }
      }
    }
  }
}
