/** The drill's figures, printed as one table at the end of the run (and pasted into docs/reliability.md). */

export interface Figure {
  scenario: string;
  figure: string;
  value: string | number;
  /** What the prod settings promise, e.g. `= 0`; empty for figures that are only reported. */
  expected: string;
  /** Whether the value meets `expected` (undefined: reported only). */
  ok?: boolean;
}

export class FigureTable {
  readonly rows: Figure[] = [];

  add(scenario: string, figure: string, value: string | number, expected = "", ok?: boolean): void {
    this.rows.push({ scenario, figure, value, expected, ok });
  }

  /** A Markdown table, readable in a terminal and pasteable into the docs. */
  markdown(): string {
    const header = ["scenario", "figure", "value", "expected", "result"];
    const cells = this.rows.map((r) => [
      r.scenario,
      r.figure,
      String(r.value),
      r.expected,
      r.ok === undefined ? "" : r.ok ? "ok" : "FAIL",
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(" | ")} |`;
    return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
  }
}
