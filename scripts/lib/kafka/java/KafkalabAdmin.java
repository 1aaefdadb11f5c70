import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ElectionNotNeededException;

/**
 * kafkalab's admin session: one Kafka Admin client kept open for a whole roll, so that each look
 * at the metadata quorum and each preferred leader election costs a request instead of a JVM start.
 *
 * Usage: java -cp 'libs/*:DIR' KafkalabAdmin CLIENT_PROPERTIES BOOTSTRAP
 * Reads one request per line on stdin, "ID OP" with OP one of cluster, quorum, elect-preferred, quit.
 * Answers each with one line on stdout: "@kafkalab " and a JSON object with the same id. Logging
 * goes to stderr (System.out is pointed there before any Kafka class is loaded).
 */
public final class KafkalabAdmin {
  private static final String MARK = "@kafkalab ";
  private static final long QUORUM_TIMEOUT_MS = 20_000;
  private static final long ELECT_TIMEOUT_MS = 60_000;

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    if (args.length != 2) {
      System.err.println("usage: KafkalabAdmin CLIENT_PROPERTIES BOOTSTRAP");
      System.exit(2);
    }
    Properties props = new Properties();
    try (InputStream in = new FileInputStream(args[0])) {
      props.load(in);
    }
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
    props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
    props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "kafkalab-admin-session");

    try (Admin admin = Admin.create(props);
         BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      out.println(MARK + "{\"ready\":true}");
      String line;
      while ((line = in.readLine()) != null) {
        line = line.trim();
        if (line.isEmpty()) continue;
        String[] parts = line.split("\\s+", 2);
        String id = parts[0];
        String op = parts.length > 1 ? parts[1].trim() : "";
        if (op.equals("quit")) {
          out.println(MARK + "{\"id\":" + str(id) + ",\"ok\":true}");
          return;
        }
        String body;
        try {
          switch (op) {
            case "cluster":
              body = "\"ok\":true,\"cluster\":" + cluster(admin);
              break;
            case "quorum":
              body = "\"ok\":true,\"quorum\":" + quorum(admin);
              break;
            case "elect-preferred":
              body = "\"ok\":true,\"election\":" + electPreferred(admin);
              break;
            default:
              body = "\"ok\":false,\"error\":" + str("unknown operation '" + op + "' (cluster, quorum, elect-preferred, quit)");
          }
        } catch (Exception e) {
          body = "\"ok\":false,\"error\":" + str(describe(e));
        }
        out.println(MARK + "{\"id\":" + str(id) + "," + body + "}");
      }
    }
  }

  /**
   * What the metadata says: the live (unfenced) brokers, the controller the brokers name, every
   * partition of every topic (internal ones too) with leader, replicas and ISR, and each topic's
   * min.insync.replicas. A topic deleted between the listing and the describe is left out.
   */
  private static String cluster(Admin admin) throws Exception {
    DescribeClusterResult c = admin.describeCluster();
    Collection<Node> nodes = c.nodes().get(QUORUM_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    Node controller = c.controller().get(QUORUM_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    List<Integer> brokers = new ArrayList<>();
    for (Node n : nodes) brokers.add(n.id());
    Collections.sort(brokers);
    List<String> names = new ArrayList<>(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(QUORUM_TIMEOUT_MS, TimeUnit.MILLISECONDS));
    Collections.sort(names);
    StringBuilder partitions = new StringBuilder("[");
    StringBuilder minIsr = new StringBuilder("{");
    if (!names.isEmpty()) {
      Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(names).topicNameValues();
      List<ConfigResource> resources = new ArrayList<>();
      for (String name : names) resources.add(new ConfigResource(ConfigResource.Type.TOPIC, name));
      Map<ConfigResource, KafkaFuture<Config>> configs = admin.describeConfigs(resources).values();
      for (String name : names) {
        TopicDescription t;
        try {
          t = described.get(name).get(QUORUM_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException gone) {
          continue;
        }
        for (TopicPartitionInfo p : t.partitions()) {
          if (partitions.length() > 1) partitions.append(',');
          partitions.append("{\"topic\":").append(str(name))
              .append(",\"partition\":").append(p.partition())
              .append(",\"leader\":").append(p.leader() == null || p.leader().isEmpty() ? -1 : p.leader().id())
              .append(",\"replicas\":").append(ids(p.replicas()))
              .append(",\"isr\":").append(ids(p.isr()))
              .append('}');
        }
        try {
          ConfigEntry e = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).get(QUORUM_TIMEOUT_MS, TimeUnit.MILLISECONDS).get("min.insync.replicas");
          if (e != null && e.value() != null) {
            if (minIsr.length() > 1) minIsr.append(',');
            minIsr.append(str(name)).append(':').append(str(e.value()));
          }
        } catch (ExecutionException gone) {
          // deleted meanwhile
        }
      }
    }
    return "{\"brokers\":" + brokers
        + ",\"controller\":" + (controller == null || controller.isEmpty() ? -1 : controller.id())
        + ",\"partitions\":" + partitions.append(']')
        + ",\"minIsr\":" + minIsr.append('}') + "}";
  }

  private static String ids(List<Node> nodes) {
    StringBuilder b = new StringBuilder("[");
    for (Node n : nodes) {
      if (b.length() > 1) b.append(',');
      b.append(n.id());
    }
    return b.append(']').toString();
  }

  /** The quorum as the leader reports it: leader, epoch, high watermark, voters and observers with their log end offsets. */
  private static String quorum(Admin admin) throws Exception {
    QuorumInfo q = admin.describeMetadataQuorum().quorumInfo().get(QUORUM_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    return "{\"leaderId\":" + q.leaderId()
        + ",\"leaderEpoch\":" + q.leaderEpoch()
        + ",\"highWatermark\":" + q.highWatermark()
        + ",\"voters\":" + replicas(q.voters())
        + ",\"observers\":" + replicas(q.observers()) + "}";
  }

  private static String replicas(List<QuorumInfo.ReplicaState> list) {
    StringBuilder b = new StringBuilder("[");
    for (QuorumInfo.ReplicaState r : list) {
      if (b.length() > 1) b.append(',');
      b.append("{\"id\":").append(r.replicaId())
          .append(",\"logEndOffset\":").append(r.logEndOffset())
          .append(",\"lastFetchTimestamp\":").append(orMinusOne(r.lastFetchTimestamp()))
          .append(",\"lastCaughtUpTimestamp\":").append(orMinusOne(r.lastCaughtUpTimestamp()))
          .append('}');
    }
    return b.append(']').toString();
  }

  private static long orMinusOne(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : -1;
  }

  /** A preferred leader election over every partition; those already led by their preferred replica are left out. */
  private static String electPreferred(Admin admin) throws Exception {
    Map<TopicPartition, Optional<Throwable>> result =
        admin.electLeaders(ElectionType.PREFERRED, null).partitions().get(ELECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    StringBuilder elected = new StringBuilder("[");
    StringBuilder failed = new StringBuilder("[");
    for (Map.Entry<TopicPartition, Optional<Throwable>> e : result.entrySet()) {
      String name = e.getKey().topic() + "-" + e.getKey().partition();
      Optional<Throwable> error = e.getValue();
      if (error.isEmpty()) {
        if (elected.length() > 1) elected.append(',');
        elected.append(str(name));
      } else if (!(error.get() instanceof ElectionNotNeededException)) {
        if (failed.length() > 1) failed.append(',');
        failed.append(str(name + ": " + error.get().getClass().getSimpleName() + ": " + error.get().getMessage()));
      }
    }
    return "{\"elected\":" + elected.append(']') + ",\"failed\":" + failed.append(']') + "}";
  }

  private static String describe(Throwable e) {
    Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  private static String str(String s) {
    if (s == null) return "null";
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"': b.append("\\\""); break;
        case '\\': b.append("\\\\"); break;
        case '\n': b.append("\\n"); break;
        case '\r': b.append("\\r"); break;
        case '\t': b.append("\\t"); break;
        default:
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
