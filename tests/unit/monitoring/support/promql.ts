import { parser } from "@prometheus-io/lezer-promql";

/** Grafana's interval variables, replaced by a duration as Grafana does before sending the query. */
const GRAFANA_VARIABLES = /\$__(rate_interval|interval|range)\b/g;

/** Syntax errors of a PromQL expression (empty when it parses), with the offending text. */
export function promqlErrors(expr: string): string[] {
  const source = expr.replace(GRAFANA_VARIABLES, "5m");
  const errors: string[] = [];
  const tree = parser.parse(source);
  tree.iterate({
    enter(node) {
      if (node.type.isError)
        errors.push(
          `syntax error at ${node.from}: "${source.slice(Math.max(0, node.from - 20), node.to + 20)}"`,
        );
    },
  });
  return errors;
}

/** Metric names an expression selects (`foo{…}`, `foo[5m]`, `{__name__="foo"}`). */
export function referencedMetrics(expr: string): string[] {
  const source = expr.replace(GRAFANA_VARIABLES, "5m");
  const names = new Set<string>();
  const cursor = parser.parse(source).cursor();
  do {
    if (cursor.name === "VectorSelector") {
      const selector = cursor.node;
      const identifier = selector.getChild("Identifier");
      if (identifier) names.add(source.slice(identifier.from, identifier.to));
      const matchers = selector.getChild("LabelMatchers");
      for (const matcher of matchers?.getChildren("UnquotedLabelMatcher") ?? []) {
        const label = matcher.getChild("LabelName");
        const value = matcher.getChild("StringLiteral");
        if (label && value && source.slice(label.from, label.to) === "__name__") {
          names.add(JSON.parse(source.slice(value.from, value.to)));
        }
      }
    }
  } while (cursor.next());
  return [...names];
}

/** Label values matched with `=` or `=~` per label name, e.g. `{namespace: ['"kafka"']}` (raw literals). */
export function labelMatchers(expr: string): { label: string; op: string; value: string }[] {
  const source = expr.replace(GRAFANA_VARIABLES, "5m");
  const out: { label: string; op: string; value: string }[] = [];
  const cursor = parser.parse(source).cursor();
  do {
    if (cursor.name === "UnquotedLabelMatcher") {
      const node = cursor.node;
      const label = node.getChild("LabelName");
      const op = node.getChild("MatchOp");
      const value = node.getChild("StringLiteral");
      if (label && op && value) {
        out.push({
          label: source.slice(label.from, label.to),
          op: source.slice(op.from, op.to),
          value: JSON.parse(source.slice(value.from, value.to)),
        });
      }
    }
  } while (cursor.next());
  return out;
}
