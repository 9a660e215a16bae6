// The fault drill's Kafka client: Apache Kafka's own Java client (the reference implementation of
// idempotence and acks), so that what the drill measures is the broker settings, not a client's
// retry logic. Run as a single-file program with Kafka's jars on the class path:
//
//   java -cp '<kafka libs>/*' DrillClient.java <mode> --config client.properties [--option value ...]
//
// client.properties holds the application's credentials in the keys of the platform's credentials
// Secret (bootstrap.servers, security.protocol, sasl.mechanism, sasl.jaas.config), which are also
// Kafka client property names. Output: one JSON object per line on stdout.
//
// Modes:
//   produce  keyed messages (keys --key-prefix + key-N) with a per-key sequence number at --rate
//            msgs/s until "stop" on stdin (or --max messages); prints {"ack":…} / {"err":…} per message, then {"done":…}
//   rate     fixed-size records to one partition for --duration-ms, as fast as allowed or at
//            --target-bytes-per-sec; prints {"done":…} with the acknowledged rate and throttle time
//   consume  the whole topic (to the end offsets at start) in --group; prints {"rec":…} per record
//   quorum   {"quorum":{"leaderId":…,"voters":[…]}} of the KRaft controller quorum

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class DrillClient {
  private static final Object OUT = new Object();

  public static void main(String[] args) throws Exception {
    if (args.length < 1) throw new IllegalArgumentException("usage: DrillClient <mode> --config FILE [--opt value ...]");
    Map<String, String> opt = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    Properties props = new Properties();
    try (var in = Files.newBufferedReader(Path.of(required(opt, "config")), StandardCharsets.UTF_8)) {
      props.load(in);
    }
    switch (args[0]) {
      case "produce" -> produce(props, opt);
      case "rate" -> rate(props, opt);
      case "consume" -> consume(props, opt);
      case "quorum" -> quorum(props);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  static String required(Map<String, String> opt, String name) {
    String v = opt.get(name);
    if (v == null) throw new IllegalArgumentException("--" + name + " is required");
    return v;
  }

  static void emit(String json) {
    synchronized (OUT) {
      System.out.println(json);
      System.out.flush();
    }
  }

  static String q(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
  }

  /** acks/idempotence: "all" = acks=all + idempotence (prod); "1" = acks=1 without idempotence (weakened). */
  static Properties producerProps(Properties base, Map<String, String> opt) {
    Properties p = new Properties();
    p.putAll(base);
    boolean strong = !"1".equals(opt.getOrDefault("acks", "all"));
    p.put("acks", strong ? "all" : "1");
    p.put("enable.idempotence", Boolean.toString(strong));
    p.put("delivery.timeout.ms", opt.getOrDefault("delivery-timeout-ms", "30000"));
    p.put("request.timeout.ms", opt.getOrDefault("request-timeout-ms", "10000"));
    p.put("retry.backoff.ms", "100");
    p.put("linger.ms", "5");
    p.put("max.block.ms", "10000");
    if (opt.containsKey("retries")) p.put("retries", opt.get("retries"));
    p.put("client.id", opt.getOrDefault("client-id", "fault-drill"));
    return p;
  }

  static double metric(Map<MetricName, ? extends Metric> metrics, String name) {
    for (var e : metrics.entrySet()) {
      if (e.getKey().name().equals(name) && e.getKey().group().equals("producer-metrics")) {
        Object v = e.getValue().metricValue();
        if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) return d;
      }
    }
    return 0;
  }

  static void produce(Properties base, Map<String, String> opt) throws Exception {
    String topic = required(opt, "topic");
    int keys = Integer.parseInt(opt.getOrDefault("keys", "12"));
    int rate = Integer.parseInt(opt.getOrDefault("rate", "500"));
    long max = Long.parseLong(opt.getOrDefault("max", "100000"));
    // Each run has keys of its own, so that runs on one topic never mix their sequences.
    String keyPrefix = opt.getOrDefault("key-prefix", "");
    AtomicBoolean stop = new AtomicBoolean(false);
    Thread stdin = new Thread(() -> {
      try (var r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) if (line.trim().equals("stop")) break;
      } catch (Exception ignored) {
        // EOF or closed pipe: stop as well.
      }
      stop.set(true);
    });
    stdin.setDaemon(true);
    stdin.start();

    long[] nextSeq = new long[keys];
    AtomicLong acked = new AtomicLong(), failed = new AtomicLong();
    long sent = 0;
    long start = System.nanoTime();
    try (var producer = new KafkaProducer<String, String>(producerProps(base, opt), new StringSerializer(), new StringSerializer())) {
      emit("{\"ready\":true}");
      while (!stop.get() && sent < max) {
        // Keep to the rate: send what is due, then sleep a little.
        long due = Math.min(max, (System.nanoTime() - start) * rate / 1_000_000_000L + 1);
        while (sent < due && !stop.get()) {
          int k = (int) (sent % keys);
          String key = keyPrefix + "key-" + k;
          long seq = nextSeq[k]++;
          long sentAt = System.currentTimeMillis();
          String value = "{\"key\":" + q(key) + ",\"seq\":" + seq + "}";
          try {
            producer.send(new ProducerRecord<>(topic, key, value), (md, ex) -> {
              long now = System.currentTimeMillis();
              if (ex == null) {
                acked.incrementAndGet();
                emit("{\"ack\":{\"key\":" + q(key) + ",\"seq\":" + seq + ",\"partition\":" + md.partition()
                    + ",\"offset\":" + md.offset() + ",\"sentAt\":" + sentAt + ",\"ackedAt\":" + now + "}}");
              } else {
                failed.incrementAndGet();
                String cause = ex.getCause() != null ? ex.getCause().getClass().getSimpleName() : "";
                emit("{\"err\":{\"key\":" + q(key) + ",\"seq\":" + seq + ",\"sentAt\":" + sentAt + ",\"at\":" + now
                    + ",\"error\":" + q(ex.getClass().getSimpleName()) + ",\"cause\":" + q(cause)
                    + ",\"message\":" + q(String.valueOf(ex.getMessage())) + "}}");
              }
            });
          } catch (Exception ex) {
            // send() itself failed (e.g. metadata not available within max.block.ms): not written.
            failed.incrementAndGet();
            emit("{\"err\":{\"key\":" + q(key) + ",\"seq\":" + seq + ",\"sentAt\":" + sentAt + ",\"at\":"
                + System.currentTimeMillis() + ",\"error\":" + q(ex.getClass().getSimpleName())
                + ",\"cause\":\"\",\"message\":" + q(String.valueOf(ex.getMessage())) + "}}");
          }
          sent++;
        }
        Thread.sleep(5);
      }
      producer.flush();
      emit("{\"done\":{\"sent\":" + sent + ",\"acked\":" + acked.get() + ",\"failed\":" + failed.get() + "}}");
    }
  }

  static void rate(Properties base, Map<String, String> opt) throws Exception {
    String topic = required(opt, "topic");
    int partition = Integer.parseInt(opt.getOrDefault("partition", "0"));
    int size = Integer.parseInt(opt.getOrDefault("record-bytes", "1024"));
    long target = Long.parseLong(opt.getOrDefault("target-bytes-per-sec", "0"));
    long durationMs = Long.parseLong(opt.getOrDefault("duration-ms", "10000"));
    long warmupMs = Long.parseLong(opt.getOrDefault("warmup-ms", "2000"));
    Properties p = producerProps(base, opt);
    // A small buffer keeps what is acknowledged close to what is offered (no large backlog to flush).
    p.put("buffer.memory", Integer.toString(Math.max(64 * 1024, size * 64)));
    p.put("batch.size", Integer.toString(Math.max(16 * 1024, size * 16)));
    p.put("max.block.ms", "60000");
    byte[] value = new byte[size];
    Arrays.fill(value, (byte) 'x');
    AtomicLong measuredBytes = new AtomicLong(), failed = new AtomicLong();
    try (var producer = new KafkaProducer<byte[], byte[]>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      long start = System.currentTimeMillis();
      long windowStart = start + warmupMs, end = start + durationMs;
      long sentBytes = 0;
      while (System.currentTimeMillis() < end) {
        if (target > 0) {
          long allowed = (System.currentTimeMillis() - start) * target / 1000;
          if (sentBytes >= allowed) {
            Thread.sleep(2);
            continue;
          }
        }
        producer.send(new ProducerRecord<>(topic, partition, null, value), (md, ex) -> {
          long now = System.currentTimeMillis();
          if (ex != null) failed.incrementAndGet();
          else if (now >= windowStart && now <= end) measuredBytes.addAndGet(size);
        });
        sentBytes += size;
      }
      producer.flush();
      var metrics = producer.metrics();
      double seconds = (end - windowStart) / 1000.0;
      emit("{\"done\":{\"bytesPerSec\":" + Math.round(measuredBytes.get() / seconds) + ",\"measuredSeconds\":" + seconds
          + ",\"failed\":" + failed.get() + ",\"throttleTimeAvgMs\":" + metric(metrics, "produce-throttle-time-avg")
          + ",\"throttleTimeMaxMs\":" + metric(metrics, "produce-throttle-time-max") + "}}");
    }
  }

  static void consume(Properties base, Map<String, String> opt) throws Exception {
    String topic = required(opt, "topic");
    long timeoutMs = Long.parseLong(opt.getOrDefault("timeout-ms", "60000"));
    Properties p = new Properties();
    p.putAll(base);
    p.put("group.id", required(opt, "group"));
    p.put("auto.offset.reset", "earliest");
    p.put("enable.auto.commit", "false");
    p.put("client.id", opt.getOrDefault("client-id", "fault-drill-reader"));
    try (var consumer = new KafkaConsumer<String, String>(p, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (var info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) partitions.add(new TopicPartition(topic, info.partition()));
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      consumer.subscribe(List.of(topic));
      Map<TopicPartition, Long> reached = new HashMap<>();
      long deadline = System.currentTimeMillis() + timeoutMs;
      long count = 0;
      while (!allReached(ends, reached)) {
        if (System.currentTimeMillis() > deadline) throw new IllegalStateException("not at the end offsets " + ends + " within " + timeoutMs + " ms (at " + reached + ")");
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          emit("{\"rec\":{\"partition\":" + r.partition() + ",\"offset\":" + r.offset() + ",\"value\":" + r.value() + "}}");
          reached.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
          count++;
        }
      }
      consumer.commitSync();
      emit("{\"done\":{\"records\":" + count + "}}");
    }
  }

  static boolean allReached(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> reached) {
    for (var e : ends.entrySet()) if (reached.getOrDefault(e.getKey(), 0L) < e.getValue()) return false;
    return true;
  }

  static void quorum(Properties base) throws Exception {
    try (var admin = Admin.create(base)) {
      QuorumInfo info = admin.describeMetadataQuorum().quorumInfo().get();
      StringBuilder voters = new StringBuilder();
      for (var v : info.voters()) voters.append(voters.length() == 0 ? "" : ",").append(v.replicaId());
      emit("{\"quorum\":{\"leaderId\":" + info.leaderId() + ",\"voters\":[" + voters + "]}}");
    }
  }
}
