package dev.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A connection reads no further requests while the writer is behind, and every one it stopped reads
 * again once the writer caught up, whichever thread saw what first.
 */
class WriterGateTest {
  private final AtomicInteger backlog = new AtomicInteger();
  private final AtomicInteger bytes = new AtomicInteger();
  private final WriterGate gate = new WriterGate(backlog::get, bytes::get, 10, 1000);

  private EmbeddedChannel connection() {
    return new EmbeddedChannel(new PausingLineDecoder(1024, gate));
  }

  private static ByteBuf lines(String... lines) {
    return Unpooled.copiedBuffer(String.join("\n", lines) + "\n", StandardCharsets.US_ASCII);
  }

  private static List<String> read(EmbeddedChannel ch) {
    ch.runPendingTasks();
    List<String> out = new ArrayList<>();
    for (ByteBuf b; (b = ch.readInbound()) != null; ) {
      out.add(b.toString(StandardCharsets.US_ASCII));
      b.release();
    }
    return out;
  }

  @Test
  void aConnectionStopsReadingWhileTheWriterIsBehindAndGoesOnOnceItCaughtUp() {
    EmbeddedChannel a = connection();
    EmbeddedChannel b = connection();
    a.writeInbound(lines("a1"));
    assertThat(read(a)).containsExactly("a1");

    backlog.set(11);
    a.writeInbound(lines("a2", "a3"));
    b.writeInbound(lines("b1"));
    assertThat(read(a)).isEmpty();
    assertThat(read(b)).isEmpty();
    assertThat(a.config().isAutoRead()).isFalse();
    assertThat(b.config().isAutoRead()).isFalse();

    backlog.set(6); // below the bound, above half of it: still shut
    gate.caughtUp();
    assertThat(read(a)).isEmpty();

    backlog.set(5);
    gate.caughtUp();
    assertThat(read(a)).containsExactly("a2", "a3");
    assertThat(read(b)).containsExactly("b1");
    assertThat(a.config().isAutoRead()).isTrue();
    assertThat(b.config().isAutoRead()).isTrue();
  }

  @Test
  void theBytesTheQueuedWritesCarryShutTheGateToo() {
    EmbeddedChannel a = connection();
    bytes.set(1001);
    a.writeInbound(lines("a1"));
    assertThat(read(a)).isEmpty();
    bytes.set(501);
    gate.caughtUp();
    assertThat(read(a)).isEmpty();
    bytes.set(500);
    gate.caughtUp();
    assertThat(read(a)).containsExactly("a1");
  }

  @Test
  void aConnectionWaitingForTheWriterIsNotTakenForAnIdlePeer() {
    List<Object> events = new ArrayList<>();
    EmbeddedChannel a =
        new EmbeddedChannel(
            new PausingLineDecoder(1024, gate),
            new io.netty.channel.ChannelInboundHandlerAdapter() {
              @Override
              public void userEventTriggered(io.netty.channel.ChannelHandlerContext ctx, Object e) {
                events.add(e);
              }
            });
    backlog.set(11);
    a.writeInbound(lines("a1"));
    a.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    assertThat(events).isEmpty();
    backlog.set(0);
    gate.caughtUp();
    a.runPendingTasks();
    a.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
    assertThat(events).containsExactly(IdleStateEvent.READER_IDLE_STATE_EVENT);
  }

  @Test
  void aGateShutOnAStaleLookOpensItselfWhenTheWriterHasAlreadyCaughtUp() {
    // The writer's last look after its last batch came before the connection shut the gate: no
    // later batch will open it, so the connection must see for itself.
    AtomicInteger looks = new AtomicInteger();
    WriterGate stale = new WriterGate(() -> looks.getAndIncrement() == 0 ? 11 : 0, () -> 0, 10, 1);
    EmbeddedChannel a = new EmbeddedChannel(new PausingLineDecoder(1024, stale));
    a.writeInbound(lines("a1"));
    assertThat(read(a)).containsExactly("a1");
    assertThat(a.config().isAutoRead()).isTrue();
  }

  @Test
  void aConnectionParkedOnceIsResumedOnceAndAClosedOneIsLeftAlone() {
    EmbeddedChannel a = connection();
    EmbeddedChannel gone = connection();
    backlog.set(11);
    for (int i = 0; i < 3; i++) {
      a.writeInbound(lines("a" + i));
    }
    gone.writeInbound(lines("g"));
    gone.close();
    backlog.set(0);
    gate.caughtUp();
    assertThat(read(a)).containsExactly("a0", "a1", "a2");
    assertThat(read(gone)).isEmpty();
  }
}
