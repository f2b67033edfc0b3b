package dev.parley.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One MQTT 3.1.1 client of the {@code mqtt} mode: subscribes to its own topic at QoS 1 and
 * publishes to its partner's at QoS 1, with at most a window of publishes not yet acknowledged
 * ({@code PUBACK}) by the broker, and acknowledges what it receives. Each payload starts with its
 * send time (nanoTime) and sequence number, as the opaque relay's envelopes do.
 */
final class MqttPeer {
  private final String name;
  private final String partner;
  private final DeliveryTracker tracker;
  private final byte[] filler;
  private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
  private SendWindow window;
  private Channel channel;

  MqttPeer(String name, String partner, DeliveryTracker tracker, int size) {
    this.name = name;
    this.partner = partner;
    this.tracker = tracker;
    this.filler = new byte[Math.max(16, size)];
    ThreadLocalRandom.current().nextBytes(filler);
  }

  /** Connects over TLS and subscribes; completes once the broker granted the subscription. */
  CompletableFuture<Void> connect(EventLoopGroup group, SslContext tls, int port, SendWindow w) {
    window = w;
    new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                    .addLast(tls.newHandler(ch.alloc(), "127.0.0.1", port))
                    .addLast(new MqttDecoder(1 << 20))
                    .addLast(MqttEncoder.INSTANCE)
                    .addLast(new Handler());
              }
            })
        .connect("127.0.0.1", port)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                subscribed.completeExceptionally(f.cause());
              }
            });
    return subscribed;
  }

  /** Publishes message {@code seq} to the partner. */
  void publish(int seq) {
    ByteBuf payload = channel.alloc().buffer(filler.length);
    payload.writeLong(System.nanoTime()).writeLong(seq).writeBytes(filler, 16, filler.length - 16);
    channel.writeAndFlush(
        MqttMessageBuilders.publish()
            .topicName("r/" + partner)
            .qos(MqttQoS.AT_LEAST_ONCE)
            .messageId(seq % 65_535 + 1)
            .payload(payload)
            .build());
  }

  void close() {
    if (channel != null) {
      channel.close();
    }
  }

  private final class Handler extends SimpleChannelInboundHandler<MqttMessage> {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof SslHandshakeCompletionEvent hs) {
        if (!hs.isSuccess()) {
          subscribed.completeExceptionally(hs.cause());
          return;
        }
        channel = ctx.channel();
        ctx.writeAndFlush(
            MqttMessageBuilders.connect()
                .clientId(name)
                .cleanSession(true)
                .keepAlive(300)
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .build());
      }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage m) {
      MqttMessageType type = m.fixedHeader().messageType();
      switch (type) {
        case CONNACK ->
            ctx.writeAndFlush(
                MqttMessageBuilders.subscribe()
                    .messageId(1)
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "r/" + name)
                    .build());
        case SUBACK -> subscribed.complete(null);
        case PUBACK -> window.acknowledged();
        case PUBLISH -> {
          MqttPublishMessage p = (MqttPublishMessage) m;
          ByteBuf b = p.payload();
          long sent = b.readLong();
          int seq = (int) b.readLong();
          tracker.received(seq, sent);
          ctx.writeAndFlush(
              new MqttPubAckMessage(
                  new io.netty.handler.codec.mqtt.MqttFixedHeader(
                      MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 2),
                  MqttMessageIdVariableHeader.from(p.variableHeader().packetId())));
        }
        default -> {}
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      subscribed.completeExceptionally(cause);
      ctx.close();
    }
  }
}
