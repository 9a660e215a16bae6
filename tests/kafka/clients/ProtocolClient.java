// The Kafka 4 group protocols as an application uses them, with Apache Kafka's own Java clients
// (the reference implementations): a share consumer (KIP-932), a consumer on group.protocol=consumer
// (KIP-848) and a Kafka Streams application on group.protocol=streams (KIP-1071). Driven by
// tests/kafka/protocol-client.ts, compiled against the tier's Kafka jars (tests/kafka/broker/pom.xml).
//
//   java -cp '<kafka libs>/*:<classes>' ProtocolClient <mode> --config client.properties [--option value ...]
//
// client.properties holds the principal's credentials in the keys of the platform's credentials
// Secret. Output: one JSON line, {"ok":true,...} or {"ok":false,"error":"<broker error or timeout>","message":...}.
//
// Modes:
//   share           --topic T --group G: KafkaShareConsumer in explicit acknowledgement mode; reads records,
//                   acknowledges each (ACCEPT) and commits the acknowledgements
//   consume         --topic T1[,T2…] --group G: KafkaConsumer with group.protocol=consumer subscribed to the
//                   topics; reads records, commits their offsets
//   streams         --app-id A --input I --output O: Kafka Streams with group.protocol=streams; a keyed count
//                   (a repartition and a changelog topic, created by the broker) written to O
//   group-configs   --group G: the group's dynamic configs (Admin describeConfigs on the GROUP resource)

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.Stores;

public class ProtocolClient {
  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    Properties props = new Properties();
    try (var in = Files.newBufferedReader(Path.of(opt.get("config")), StandardCharsets.UTF_8)) {
      props.load(in);
    }
    long timeoutMs = Long.parseLong(opt.getOrDefault("timeout-ms", "30000"));
    try {
      switch (args[0]) {
        case "share" -> share(props, opt.get("topic"), opt.get("group"), timeoutMs);
        case "consume" -> consume(props, opt.get("topic"), opt.get("group"), timeoutMs);
        case "streams" -> streams(props, opt.get("app-id"), opt.get("input"), opt.get("output"), timeoutMs);
        case "group-configs" -> groupConfigs(props, opt.get("group"));
        default -> throw new IllegalArgumentException("unknown mode " + args[0]);
      }
    } catch (Throwable e) {
      fail(e);
    }
    System.exit(0);
  }

  static void share(Properties base, String topic, String group, long timeoutMs) {
    Properties p = new Properties();
    p.putAll(base);
    p.put("group.id", group);
    p.put("share.acknowledgement.mode", "explicit");
    try (var consumer = new KafkaShareConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + timeoutMs;
      while (System.currentTimeMillis() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) continue;
        int n = 0;
        for (ConsumerRecord<String, String> r : records) {
          consumer.acknowledge(r, AcknowledgeType.ACCEPT);
          n++;
        }
        Map<TopicIdPartition, Optional<KafkaException>> committed = consumer.commitSync();
        for (Optional<KafkaException> error : committed.values()) if (error.isPresent()) throw error.get();
        ok("\"received\":" + n + ",\"acknowledged\":" + n);
        return;
      }
      timeout("no record within " + timeoutMs + " ms");
    }
  }

  static void consume(Properties base, String topic, String group, long timeoutMs) {
    Properties p = new Properties();
    p.putAll(base);
    p.put("group.id", group);
    p.put("group.protocol", "consumer");
    p.put("auto.offset.reset", "earliest");
    p.put("enable.auto.commit", "false");
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic.split(",")));
      long deadline = System.currentTimeMillis() + timeoutMs;
      while (System.currentTimeMillis() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) continue;
        consumer.commitSync();
        ok("\"received\":" + records.count());
        return;
      }
      timeout("no record within " + timeoutMs + " ms");
    }
  }

  static void streams(Properties base, String appId, String input, String output, long timeoutMs) throws Throwable {
    Properties p = new Properties();
    p.putAll(base);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
    p.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams");
    p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
    p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("protocol-client-streams").toString());
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");

    AtomicInteger counted = new AtomicInteger();
    StreamsBuilder builder = new StreamsBuilder();
    builder.<String, String>stream(input)
        .selectKey((k, v) -> v == null ? "none" : "len-" + (v.length() % 3)) // a repartition topic
        .groupByKey()
        .count(Materialized.as(Stores.inMemoryKeyValueStore("probe-counts"))) // a changelog topic
        .toStream()
        .peek((k, v) -> counted.incrementAndGet())
        .mapValues(String::valueOf)
        .to(output);

    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (KafkaStreams streams = new KafkaStreams(builder.build(), p)) {
      streams.setUncaughtExceptionHandler(e -> {
        failure.compareAndSet(null, e);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      });
      streams.start();
      long deadline = System.currentTimeMillis() + timeoutMs;
      long settledAt = Long.MAX_VALUE;
      while (System.currentTimeMillis() < deadline) {
        if (failure.get() != null) throw failure.get();
        if (counted.get() > 0 && settledAt == Long.MAX_VALUE) settledAt = System.currentTimeMillis() + 3000;
        // Several commit intervals after the first result: the writes and offsets were flushed.
        if (System.currentTimeMillis() > settledAt) {
          if (streams.state() != KafkaStreams.State.RUNNING) throw new IllegalStateException("state " + streams.state());
          ok("\"counted\":" + counted.get());
          streams.close(Duration.ofSeconds(10));
          return;
        }
        Thread.sleep(100);
      }
      timeout("no result within " + timeoutMs + " ms (state " + streams.state() + ")");
      streams.close(Duration.ofSeconds(5));
    }
  }

  static void groupConfigs(Properties props, String group) throws Exception {
    try (Admin admin = Admin.create(props)) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      StringBuilder out = new StringBuilder();
      for (ConfigEntry e : config.entries()) {
        if (e.source() != ConfigEntry.ConfigSource.DYNAMIC_GROUP_CONFIG) continue;
        if (out.length() > 0) out.append(',');
        out.append(json(e.name())).append(':').append(json(e.value()));
      }
      ok("\"configs\":{" + out + "}");
    }
  }

  static void ok(String fields) {
    System.out.println("{\"ok\":true," + fields + "}");
    System.out.flush();
  }

  static void timeout(String message) {
    System.out.println("{\"ok\":false,\"error\":\"timeout\",\"message\":" + json(message) + "}");
    System.out.flush();
  }

  /** The broker's error code when the cause chain has one (e.g. GROUP_AUTHORIZATION_FAILED), else the exception class. */
  static void fail(Throwable e) {
    String error = e.getClass().getSimpleName();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApiException api && Errors.forException(api) != Errors.UNKNOWN_SERVER_ERROR) {
        error = Errors.forException(api).name();
        break;
      }
    }
    System.out.println("{\"ok\":false,\"error\":" + json(error) + ",\"message\":" + json(String.valueOf(e)) + "}");
    System.out.flush();
  }

  static String json(String s) {
    if (s == null) return "null";
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
}
