/**
 * Kafka's own topic config definitions (type, range, allowed values), generated from the Kafka
 * release on Maven Central by scripts/kafka-topic-configs/generate.sh (never edited by hand), and
 * the check of one value against them: what the broker would refuse is refused before deploy.
 */
import table431 from "./topic-configs-4.3.1.json";

/** One topic config as Kafka's ConfigDef declares it (kafka-storage `LogConfig`). */
export interface TopicConfigDefinition {
  type: string;
  default?: unknown;
  /** Range validator bounds. */
  min?: number;
  max?: number;
  /** Allowed values of a STRING (case-sensitive, as Kafka's ValidString). */
  enum?: string[];
  /** Allowed items of a LIST. */
  listOf?: string[];
  /** Another validator, as Kafka describes it (e.g. `[1,...,9] or -1`). */
  validator?: string;
}

export interface TopicConfigTable {
  kafkaVersion: string;
  /** The artifact and class the table was generated from. */
  source: string;
  configs: Record<string, TopicConfigDefinition>;
}

const TABLES: Record<string, TopicConfigTable> = { [table431.kafkaVersion]: table431 };

/** Kafka versions with a generated table. */
export const KAFKA_CONFIG_VERSIONS = Object.keys(TABLES);

/** The version whose table defines the names a team file may set (the platform's default Kafka). */
export const DEFAULT_CONFIG_VERSION = "4.3.1";

/** The table of a Kafka version, if generated. */
export function topicConfigTable(version: string): TopicConfigTable | undefined {
  return Object.hasOwn(TABLES, version) ? TABLES[version] : undefined;
}

const INTEGER_BOUNDS: Record<string, [number, number]> = {
  SHORT: [-32768, 32767],
  INT: [-2147483648, 2147483647],
  LONG: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function shown(value: string | number | boolean): string {
  return typeof value === "string"
    ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
    : String(value);
}

/**
 * Why Kafka would refuse `value` for the topic config `name` (undefined when it accepts it).
 * Values may be written as YAML scalars or strings, as Strimzi passes either to Kafka.
 */
export function topicConfigValueProblem(
  name: string,
  value: string | number | boolean,
  def: TopicConfigDefinition,
): string | undefined {
  const text = String(value).trim();
  const range = (n: number) => {
    if (def.min !== undefined && n < def.min) return `${shown(value)} is below Kafka's minimum of ${def.min}`;
    if (def.max !== undefined && n > def.max) return `${shown(value)} is above Kafka's maximum of ${def.max}`;
    const either = def.validator && /^\[(-?\d+),\.\.\.,(-?\d+)\] or (-?\d+)$/.exec(def.validator);
    if (either && !((n >= Number(either[1]) && n <= Number(either[2])) || n === Number(either[3]))) {
      return `${shown(value)} is not allowed; Kafka accepts ${def.validator}`;
    }
    return undefined;
  };
  switch (def.type) {
    case "BOOLEAN":
      return typeof value === "boolean" || /^(true|false)$/i.test(text)
        ? undefined
        : `must be true or false, not ${shown(value)}`;
    case "SHORT":
    case "INT":
    case "LONG": {
      const n = typeof value === "number" ? value : /^[-+]?\d+$/.test(text) ? Number(text) : NaN;
      const [low, high] = INTEGER_BOUNDS[def.type];
      if (!Number.isInteger(n) || typeof value === "boolean") {
        return `must be an integer (Kafka type ${def.type}${/\.ms$/.test(name) ? ", in milliseconds" : /bytes$/.test(name) ? ", in bytes" : ""}), not ${shown(value)}`;
      }
      if (n < low || n > high) return `${shown(value)} does not fit Kafka type ${def.type}`;
      return range(n);
    }
    case "DOUBLE": {
      const n =
        typeof value === "number" ? value : text !== "" && typeof value === "string" ? Number(text) : NaN;
      return Number.isFinite(n) ? range(n) : `must be a number (Kafka type DOUBLE), not ${shown(value)}`;
    }
    case "STRING":
      if (def.enum && !def.enum.includes(text)) {
        return `${shown(value)} is not allowed; Kafka accepts ${def.enum.map((v) => `"${v}"`).join(", ")}`;
      }
      return undefined;
    case "LIST": {
      if (!def.listOf) return undefined;
      const bad = text
        .split(",")
        .map((s) => s.trim())
        .find((item) => !def.listOf!.includes(item));
      return bad === undefined
        ? undefined
        : `${shown(bad)} is not allowed; Kafka accepts a comma-separated list of ${def.listOf.map((v) => `"${v}"`).join(", ")}`;
    }
    default:
      return undefined;
  }
}
