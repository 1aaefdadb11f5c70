import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * kafkalab's Kafka Streams example: orders to per-customer totals.
 *
 * Reads `orders-in` (key: the order id; value: {"customer":"c-7","amount":12.5}), re-keys each
 * order by its customer (so Streams writes a repartition topic, `<application.id>-by-customer-repartition`),
 * sums the amounts per customer in cents into a KTable kept in the state store `customer-totals-store`
 * (RocksDB, backed by `<application.id>-customer-totals-store-changelog`), and writes each new total
 * to `customer-totals` (key: the customer; value: the total as a decimal text, e.g. "37.50").
 * Records whose value does not parse are skipped (counted, logged). Everything exactly once
 * (processing.guarantee=exactly_once_v2, in the properties file; at_least_once when started so),
 * and /status says which.
 *
 * Usage: java -cp 'libs/*:DIR' KafkalabOrderTotals STREAMS_PROPERTIES PORT
 * The properties are Kafka Streams' (application.id, bootstrap.servers, security, ...). Optional keys
 * of its own, removed before Streams reads them: kafkalab.input.topic (orders-in),
 * kafkalab.output.topic (customer-totals). GET /status answers the state as JSON, GET /-/healthy "ok".
 * The JVM ends (status 1) when Streams reaches ERROR, so the container's restart policy applies.
 * One class, no nested ones: kafkalab copies only this class file into the container.
 */
public final class KafkalabOrderTotals {
  static final String STORE = "customer-totals-store";
  static final String REPARTITION = "by-customer";

  private static final AtomicLong SKIPPED = new AtomicLong();
  private static final AtomicReference<String> LAST_ERROR = new AtomicReference<>();
  private static final long STARTED = System.currentTimeMillis();
  private static KafkaStreams streams;
  private static String applicationId;
  private static String input;
  private static String output;
  private static String guarantee;

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: KafkalabOrderTotals STREAMS_PROPERTIES PORT");
      System.exit(2);
    }
    Properties props = new Properties();
    try (InputStream in = new FileInputStream(args[0])) {
      props.load(in);
    }
    input = (String) props.remove("kafkalab.input.topic");
    output = (String) props.remove("kafkalab.output.topic");
    if (input == null) input = "orders-in";
    if (output == null) output = "customer-totals";
    props.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "kafkalab-order-totals");
    props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    guarantee = props.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
    if (props.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "").isBlank()) {
      System.err.println("KafkalabOrderTotals: " + args[0] + " names no bootstrap.servers");
      System.exit(2);
    }
    int port = Integer.parseInt(args[1]);

    Topology topology = topology(input, output);
    log("topology:\n" + topology.describe());
    streams = new KafkaStreams(topology, props);
    CountDownLatch done = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      log("state " + before + " -> " + now);
      if (now == KafkaStreams.State.ERROR) {
        log("Streams is in ERROR: ending the JVM so that the container restarts");
        done.countDown();
      }
    });
    // A stream thread that dies is replaced: exactly-once keeps the totals right, the app keeps running.
    streams.setUncaughtExceptionHandler(e -> {
      LAST_ERROR.set(Instant.now() + " " + describe(e));
      log("a stream thread failed, replacing it: " + describe(e));
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });

    HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 16);
    server.createContext("/", KafkalabOrderTotals::handle);
    server.setExecutor(Executors.newFixedThreadPool(2));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log("shutting down");
      server.stop(0);
      streams.close(Duration.ofSeconds(20));
      done.countDown();
    }));
    server.start();
    log("serving /status on 0.0.0.0:" + server.getAddress().getPort() + "; " + applicationId + ": " + input + " -> " + output + ", processing.guarantee=" + guarantee);
    streams.start();
    done.await();
    if (streams.state() == KafkaStreams.State.ERROR) {
      streams.close(Duration.ofSeconds(10));
      System.exit(1);
    }
  }

  /** orders (by order id) → re-keyed by customer → summed in cents per customer (the store) → totals (text). */
  static Topology topology(String in, String out) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(in, Consumed.with(Serdes.String(), Serdes.String()))
        .filter((orderId, value) -> {
          boolean ok = customerOf(value) != null && centsOf(value) != null;
          if (!ok && SKIPPED.incrementAndGet() <= 10) log("skipping order " + orderId + ": not {\"customer\":\"...\",\"amount\":N}: " + value);
          return ok;
        })
        .map((orderId, value) -> new org.apache.kafka.streams.KeyValue<>(customerOf(value), centsOf(value)))
        .groupByKey(Grouped.with(REPARTITION, Serdes.String(), Serdes.Long()))
        .aggregate(() -> 0L, (customer, cents, total) -> total + cents,
            Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(STORE).withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
        .toStream()
        .mapValues(KafkalabOrderTotals::money)
        .to(out, Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  /** The string value of `"field"` in a flat JSON object, or null. */
  static String stringField(String json, String field) {
    String raw = rawField(json, field);
    if (raw == null || raw.length() < 2 || raw.charAt(0) != '"' || raw.charAt(raw.length() - 1) != '"') return null;
    String s = raw.substring(1, raw.length() - 1);
    return s.isEmpty() || s.indexOf('"') >= 0 || s.indexOf('\\') >= 0 ? null : s;
  }

  /** The raw text of a field's value in a flat JSON object (up to the next ',' or '}'), trimmed; null when absent. */
  static String rawField(String json, String field) {
    if (json == null) return null;
    String key = "\"" + field + "\"";
    int k = json.indexOf(key);
    if (k < 0) return null;
    int colon = json.indexOf(':', k + key.length());
    if (colon < 0 || !json.substring(k + key.length(), colon).isBlank()) return null;
    int start = colon + 1;
    int end = start;
    boolean quoted = false;
    while (end < json.length()) {
      char c = json.charAt(end);
      if (c == '"') quoted = !quoted;
      else if (!quoted && (c == ',' || c == '}')) break;
      end++;
    }
    return json.substring(start, end).trim();
  }

  static String customerOf(String value) {
    return stringField(value, "customer");
  }

  /** The amount in whole cents (exact: parsed as a decimal), or null when it is missing, negative or finer than a cent. */
  static Long centsOf(String value) {
    String raw = rawField(value, "amount");
    if (raw == null || raw.isEmpty()) return null;
    try {
      BigDecimal cents = new BigDecimal(raw).movePointRight(2);
      if (cents.signum() < 0) return null;
      return cents.longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  static String money(Long cents) {
    return BigDecimal.valueOf(cents == null ? 0 : cents, 2).toPlainString();
  }

  private static void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      boolean get = ex.getRequestMethod().equals("GET");
      if (get && path.equals("/status")) reply(ex, 200, "application/json", status());
      else if (get && path.equals("/-/healthy")) reply(ex, 200, "text/plain; charset=utf-8", "ok\n");
      else if (get) reply(ex, 404, "text/plain; charset=utf-8", "not found: try /status\n");
      else reply(ex, 405, "text/plain; charset=utf-8", "only GET\n");
    } catch (RuntimeException e) {
      log("answering " + ex.getRequestURI() + " failed: " + describe(e));
    }
  }

  private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** {applicationId, state, processingGuarantee, store: {name, entries|null, error?}, threads, skipped, lastError, uptimeMs, input, output}. */
  private static String status() {
    KafkaStreams.State state = streams.state();
    String entries = "null";
    String storeError = null;
    try {
      ReadOnlyKeyValueStore<String, Long> store = streams.store(StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.<String, Long>keyValueStore()));
      long n = 0;
      try (KeyValueIterator<String, Long> it = store.all()) {
        while (it.hasNext()) {
          it.next();
          n++;
        }
      }
      entries = String.valueOf(n);
    } catch (RuntimeException e) {
      storeError = describe(e);
    }
    StringBuilder out = new StringBuilder("{");
    out.append("\"applicationId\":").append(str(applicationId));
    out.append(",\"state\":").append(str(state.name()));
    out.append(",\"processingGuarantee\":").append(str(guarantee));
    out.append(",\"store\":{\"name\":").append(str(STORE)).append(",\"entries\":").append(entries);
    if (storeError != null) out.append(",\"error\":").append(str(storeError));
    out.append("}");
    out.append(",\"threads\":").append(streams.metadataForLocalThreads().size());
    out.append(",\"input\":").append(str(input)).append(",\"output\":").append(str(output));
    out.append(",\"skipped\":").append(SKIPPED.get());
    out.append(",\"lastError\":").append(LAST_ERROR.get() == null ? "null" : str(LAST_ERROR.get()));
    out.append(",\"uptimeMs\":").append(System.currentTimeMillis() - STARTED);
    return out.append("}\n").toString();
  }

  private static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  private static void log(String message) {
    System.err.println(Instant.now() + " kafkalab-order-totals: " + message);
  }

  private static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t instanceof org.apache.kafka.streams.errors.StreamsException)) t = t.getCause();
    return t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).replace('\n', ' ');
  }
}
