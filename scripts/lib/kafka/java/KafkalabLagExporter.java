import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * kafkalab's consumer-group lag exporter: one Kafka Admin client kept open, and an HTTP server whose
 * GET /metrics answers the lag of every consumer group in Prometheus' text format, read from the
 * cluster at each scrape (an answer is reused for up to 2 s, so two scrapers cost one read).
 *
 * Usage: java -cp 'libs/*:DIR' KafkalabLagExporter CLIENT_PROPERTIES PORT
 * The client properties name bootstrap.servers and the security settings. GET /-/healthy answers "ok".
 * One class, no nested ones: kafkalab copies only this class file into the container.
 */
public final class KafkalabLagExporter {
  /** Each scrape reads the cluster within this long, every Admin call included: under Prometheus' default scrape timeout (10 s). */
  private static final long SCRAPE_TIMEOUT_MS = 8_000;
  private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final Comparator<TopicPartition> BY_PARTITION =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  private static final Object LOCK = new Object();
  /** Data folders to report the disk of, by node hostname (arguments NODE=DATA_DIR). */
  private static final Map<String, Path> DISKS = new TreeMap<>();
  private static Admin admin;
  private static byte[] cached;
  private static long cachedAt;
  private static long deadline;

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: KafkalabLagExporter CLIENT_PROPERTIES PORT [NODE=DATA_DIR ...]");
      System.exit(2);
    }
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq <= 0) {
        System.err.println("KafkalabLagExporter: '" + args[i] + "' is not NODE=DATA_DIR");
        System.exit(2);
      }
      DISKS.put(args[i].substring(0, eq), Paths.get(args[i].substring(eq + 1)));
    }
    Properties props = new Properties();
    try (InputStream in = new FileInputStream(args[0])) {
      props.load(in);
    }
    if (props.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "").isBlank()) {
      System.err.println("KafkalabLagExporter: " + args[0] + " names no bootstrap.servers");
      System.exit(2);
    }
    props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(SCRAPE_TIMEOUT_MS));
    props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(SCRAPE_TIMEOUT_MS));
    props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "kafkalab-lag-exporter");
    int port = Integer.parseInt(args[1]);
    admin = Admin.create(props);

    HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 16);
    server.createContext("/", KafkalabLagExporter::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(0);
      admin.close(Duration.ofSeconds(2));
    }));
    server.start();
    log("serving /metrics on 0.0.0.0:" + server.getAddress().getPort());
  }

  private static void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      boolean get = ex.getRequestMethod().equals("GET") || ex.getRequestMethod().equals("HEAD");
      if (get && path.equals("/metrics")) reply(ex, 200, CONTENT_TYPE, metrics());
      else if (get && path.equals("/-/healthy")) reply(ex, 200, TEXT, "ok\n".getBytes(StandardCharsets.UTF_8));
      else if (get) reply(ex, 404, TEXT, "not found: try /metrics\n".getBytes(StandardCharsets.UTF_8));
      else reply(ex, 405, TEXT, "only GET\n".getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      log("answering " + ex.getRequestURI() + " failed: " + describe(e));
    }
  }

  private static void reply(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The metrics text: the last one when it is younger than 2 s, else read anew (one read at a time). */
  private static byte[] metrics() {
    synchronized (LOCK) {
      if (cached != null && System.nanoTime() - cachedAt < CACHE_NANOS) return cached;
      long start = System.nanoTime();
      deadline = start + TimeUnit.MILLISECONDS.toNanos(SCRAPE_TIMEOUT_MS);
      StringBuilder out = new StringBuilder();
      int up = 1;
      try {
        collect(out);
      } catch (Exception e) {
        out.setLength(0);
        up = 0;
        log("scrape failed: " + describe(e));
      }
      disks(out);
      family(out, "kafkalab_lag_exporter_up", "1 when the last scrape read the cluster, 0 when it could not (the reason is on stderr).");
      sample(out, "kafkalab_lag_exporter_up", up);
      family(out, "kafkalab_lag_exporter_scrape_duration_seconds", "How long the last read of the cluster took.");
      out.append("kafkalab_lag_exporter_scrape_duration_seconds ")
          .append(String.format(Locale.ROOT, "%.6f", (System.nanoTime() - start) / 1e9)).append('\n');
      cached = out.toString().getBytes(StandardCharsets.UTF_8);
      cachedAt = System.nanoTime();
      return cached;
    }
  }

  /**
   * Read the groups, their members, state and committed offsets, and the log end offsets; write the
   * metric families. listConsumerGroups is deprecated in 4.x (for listGroups, which 3.x lacks) but there.
   */
  @SuppressWarnings({"deprecation", "removal"})
  private static void collect(StringBuilder out) throws Exception {
    Collection<ConsumerGroupListing> listed = get(admin.listConsumerGroups(new ListConsumerGroupsOptions().timeoutMs(left())).all());
    TreeMap<String, ConsumerGroupDescription> described = new TreeMap<>();
    TreeMap<String, Map<TopicPartition, Long>> committed = new TreeMap<>();
    if (!listed.isEmpty()) {
      Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
      for (ConsumerGroupListing g : listed) specs.put(g.groupId(), new ListConsumerGroupOffsetsSpec());
      Map<String, KafkaFuture<ConsumerGroupDescription>> descriptions = admin.describeConsumerGroups(specs.keySet(), new DescribeConsumerGroupsOptions().timeoutMs(left())).describedGroups();
      ListConsumerGroupOffsetsResult offsets = admin.listConsumerGroupOffsets(specs, new ListConsumerGroupOffsetsOptions().timeoutMs(left()));
      for (String group : specs.keySet()) {
        try {
          described.put(group, get(descriptions.get(group)));
        } catch (Exception e) {
          log("describing group " + group + " failed: " + describe(e));
        }
        try {
          TreeMap<TopicPartition, Long> byPartition = new TreeMap<>(BY_PARTITION);
          for (Map.Entry<TopicPartition, OffsetAndMetadata> e : get(offsets.partitionsToOffsetAndMetadata(group)).entrySet()) {
            if (e.getValue() != null && e.getValue().offset() >= 0) byPartition.put(e.getKey(), e.getValue().offset());
          }
          if (!byPartition.isEmpty()) committed.put(group, byPartition);
        } catch (Exception e) {
          log("reading the offsets of group " + group + " failed: " + describe(e));
        }
      }
    }
    write(out, described, committed, logEndOffsets(committed));
  }

  /** The log end offset of every partition some group committed on (partitions of deleted topics left out). */
  private static Map<TopicPartition, Long> logEndOffsets(Map<String, Map<TopicPartition, Long>> committed) throws Exception {
    TreeMap<TopicPartition, Long> ends = new TreeMap<>(BY_PARTITION);
    if (committed.isEmpty()) return ends;
    Set<String> topics = get(admin.listTopics(new ListTopicsOptions().listInternal(true).timeoutMs(left())).names());
    Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
    for (Map<TopicPartition, Long> byPartition : committed.values()) {
      for (TopicPartition tp : byPartition.keySet()) if (topics.contains(tp.topic())) wanted.put(tp, OffsetSpec.latest());
    }
    if (wanted.isEmpty()) return ends;
    ListOffsetsResult result = admin.listOffsets(wanted, new ListOffsetsOptions().timeoutMs(left()));
    int failed = 0;
    String first = null;
    for (TopicPartition tp : wanted.keySet()) {
      try {
        ends.put(tp, get(result.partitionResult(tp)).offset());
      } catch (Exception e) {
        if (failed++ == 0) first = tp + ": " + describe(e);
      }
    }
    if (failed > 0) log("the log end offsets of " + failed + " partition(s) could not be read, first " + first);
    return ends;
  }

  private static void write(StringBuilder out, Map<String, ConsumerGroupDescription> described,
      Map<String, Map<TopicPartition, Long>> committed, Map<TopicPartition, Long> ends) {
    StringBuilder current = new StringBuilder();
    StringBuilder lag = new StringBuilder();
    StringBuilder lagSum = new StringBuilder();
    for (Map.Entry<String, Map<TopicPartition, Long>> g : committed.entrySet()) {
      String group = g.getKey();
      TreeMap<String, Long> sums = new TreeMap<>();
      for (Map.Entry<TopicPartition, Long> p : g.getValue().entrySet()) {
        TopicPartition tp = p.getKey();
        String[] labels = {"group", group, "topic", tp.topic(), "partition", String.valueOf(tp.partition())};
        sample(current, "kafka_consumergroup_current_offset", p.getValue(), labels);
        Long end = ends.get(tp);
        if (end == null) continue;
        long behind = Math.max(0, end - p.getValue());
        sample(lag, "kafka_consumergroup_lag", behind, labels);
        sums.merge(tp.topic(), behind, Long::sum);
      }
      for (Map.Entry<String, Long> t : sums.entrySet()) sample(lagSum, "kafka_consumergroup_lag_sum", t.getValue(), "group", group, "topic", t.getKey());
    }
    family(out, "kafka_consumergroup_current_offset", "The committed offset of a consumer group on a partition.").append(current);
    family(out, "kafka_consumergroup_lag", "How many records a consumer group is behind on a partition: log end offset minus committed offset.").append(lag);
    family(out, "kafka_consumergroup_lag_sum", "How many records a consumer group is behind on a topic, over its partitions.").append(lagSum);
    family(out, "kafka_topic_partition_current_offset", "The log end offset of a partition some consumer group committed on.");
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      sample(out, "kafka_topic_partition_current_offset", e.getValue(), "topic", e.getKey().topic(), "partition", String.valueOf(e.getKey().partition()));
    }
    family(out, "kafka_consumergroup_members", "The members of a consumer group (0 when nobody reads).");
    for (Map.Entry<String, ConsumerGroupDescription> e : described.entrySet()) {
      sample(out, "kafka_consumergroup_members", e.getValue().members().size(), "group", e.getKey());
    }
    family(out, "kafka_consumergroup_state", "1 for the state of a consumer group (Stable, Empty, PreparingRebalance, ...).");
    for (Map.Entry<String, ConsumerGroupDescription> e : described.entrySet()) {
      sample(out, "kafka_consumergroup_state", 1, "group", e.getKey(), "state", stateOf(e.getValue()));
    }
  }

  /** Each node's data disk (its volume, mounted read-only here): size, free bytes and the used ratio. */
  private static void disks(StringBuilder out) {
    if (DISKS.isEmpty()) return;
    StringBuilder size = family(new StringBuilder(), "kafkalab_node_disk_size_bytes", "Size of the filesystem holding the node's data.");
    StringBuilder free = family(new StringBuilder(), "kafkalab_node_disk_free_bytes", "Bytes free for the node's data.");
    StringBuilder used = family(new StringBuilder(), "kafkalab_node_disk_used_ratio", "Share of the node's data disk in use (0 to 1).");
    for (Map.Entry<String, Path> d : DISKS.entrySet()) {
      try {
        FileStore store = Files.getFileStore(d.getValue());
        long total = store.getTotalSpace();
        long usable = store.getUsableSpace();
        sample(size, "kafkalab_node_disk_size_bytes", total, "node", d.getKey());
        sample(free, "kafkalab_node_disk_free_bytes", usable, "node", d.getKey());
        String ratio = String.format(Locale.ROOT, "%.6f", total > 0 ? 1.0 - (double) usable / total : 0.0);
        used.append("kafkalab_node_disk_used_ratio{node=\"").append(esc(d.getKey())).append("\"} ").append(ratio).append('\n');
      } catch (IOException e) {
        log("disk of " + d.getKey() + " at " + d.getValue() + ": " + describe(e));
      }
    }
    out.append(size).append(free).append(used);
  }

  private static StringBuilder family(StringBuilder out, String name, String help) {
    return out.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" gauge\n");
  }

  /** One sample line: the name, the labels (name, value, name, value, ...; values escaped) and the value. */
  private static void sample(StringBuilder out, String name, long value, String... labels) {
    out.append(name);
    for (int i = 0; i < labels.length; i += 2) {
      out.append(i == 0 ? '{' : ',').append(labels[i]).append("=\"").append(esc(labels[i + 1])).append('"');
    }
    out.append(labels.length > 0 ? "} " : " ").append(value).append('\n');
  }

  /**
   * The group's state by name: groupState() where the client has it (4.x), else state() (3.x), found
   * by reflection so that the class compiles and runs against both.
   */
  private static String stateOf(ConsumerGroupDescription d) {
    for (String method : new String[] {"groupState", "state"}) {
      try {
        Object v = ConsumerGroupDescription.class.getMethod(method).invoke(d);
        if (v != null) return v.toString();
      } catch (NoSuchMethodException absent) { // in this client version: try the other name
      } catch (ReflectiveOperationException e) {
        log("reading the state of group " + d.groupId() + " failed: " + describe(e));
        break;
      }
    }
    return "Unknown";
  }

  /** What is left of the scrape's time, for an Admin call's timeoutMs (at least 1 ms). */
  private static int left() {
    return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private static <T> T get(KafkaFuture<T> f) throws Exception {
    try {
      return f.get(left(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TimeoutException("no answer within the scrape's " + SCRAPE_TIMEOUT_MS / 1000 + " s");
    }
  }

  /** A label value in the text format: backslash, double quote and line feed escaped. */
  private static String esc(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static void log(String message) {
    System.err.println(Instant.now() + " kafkalab-lag-exporter: " + message.replace('\n', ' '));
  }

  private static String describe(Throwable e) {
    Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    if (t instanceof InvocationTargetException && t.getCause() != null) t = t.getCause();
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
