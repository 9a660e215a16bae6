import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.storage.internals.log.LogConfig;

/**
 * Prints Kafka's own topic config definitions (LogConfig's ConfigDef) as JSON: per non-internal
 * topic config its type, default and what its validator accepts (range, allowed values).
 * Usage: java -cp <kafka-storage classpath>:. DumpTopicConfigs <kafka version>
 */
public final class DumpTopicConfigs {
  public static void main(String[] args) throws Exception {
    Map<String, ConfigDef.ConfigKey> keys = LogConfig.configKeys();
    StringBuilder out = new StringBuilder();
    out.append("{\n");
    out.append("  \"kafkaVersion\": ").append(quote(args[0])).append(",\n");
    out.append("  \"source\": ")
        .append(quote("org.apache.kafka:kafka-storage:" + args[0] + " LogConfig.configKeys()"))
        .append(",\n");
    out.append("  \"configs\": {\n");
    List<String> entries = new ArrayList<>();
    for (String name : new TreeMap<>(keys).keySet()) {
      if (!LogConfig.nonInternalConfigNames().contains(name)) continue;
      ConfigDef.ConfigKey key = keys.get(name);
      StringBuilder e = new StringBuilder();
      e.append("    ").append(quote(name)).append(": { \"type\": ").append(quote(key.type.name()));
      if (key.hasDefault()) e.append(", \"default\": ").append(value(key.defaultValue));
      ConfigDef.Validator v = key.validator;
      if (v instanceof ConfigDef.Range) {
        Object min = field(v, "min");
        Object max = field(v, "max");
        if (min != null) e.append(", \"min\": ").append(value(min));
        if (max != null) e.append(", \"max\": ").append(value(max));
      } else if (v instanceof ConfigDef.ValidString) {
        e.append(", \"enum\": ").append(value(field(v, "validStrings")));
      } else if (v instanceof ConfigDef.ValidList) {
        Object inner = field(v, "validString");
        Object allowed = inner == null ? null : field(inner, "validStrings");
        if (allowed instanceof List && !((List<?>) allowed).isEmpty()) {
          e.append(", \"listOf\": ").append(value(allowed));
        }
      } else if (v != null) {
        e.append(", \"validator\": ").append(quote(v.toString()));
      }
      e.append(" }");
      entries.add(e.toString());
    }
    out.append(String.join(",\n", entries)).append("\n  }\n}\n");
    System.out.print(out);
  }

  private static Object field(Object target, String name) throws Exception {
    for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
      } catch (NoSuchFieldException ignored) {
        // look in the superclass
      }
    }
    return null;
  }

  private static String value(Object v) {
    if (v == null) return "null";
    if (v instanceof Number || v instanceof Boolean) {
      if (v instanceof Double && ((Double) v).isInfinite()) return quote(v.toString());
      return v.toString();
    }
    if (v instanceof List) {
      List<String> items = new ArrayList<>();
      for (Object o : (List<?>) v) items.add(value(o));
      return "[" + String.join(", ", items) + "]";
    }
    return quote(v.toString());
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
}
