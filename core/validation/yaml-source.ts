import { Document, isMap, isSeq, LineCounter, parseDocument, visit } from "yaml";
import { Problem } from "../errors";
import { excerpt } from "./excerpt";

export type PathSegment = string | number;

/** A parsed YAML file that can tell where a value stands. */
export interface YamlSource {
  /** The file's path as shown in messages. */
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The text that was parsed (for quoting it in messages). */
  text?: string;
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  return { file, doc, lineCounter, text };
}

/** The source's YAML syntax errors as located problems; a file must hold exactly one document. */
export function yamlSyntaxProblems(source: YamlSource): Problem[] {
  return source.doc.errors.map((error) => {
    const pos = source.lineCounter.linePos(error.pos[0]);
    const at = { file: source.file, line: pos.line, col: pos.col, path: "" };
    switch (error.code) {
      case "MULTIPLE_DOCS":
        return { ...at, message: "a second YAML document starts here; this file must hold exactly one" };
      case "DUPLICATE_KEY": {
        const key = /^[^:\n]*/.exec(source.text?.slice(error.pos[0]) ?? "")?.[0].trim();
        return { ...at, message: `duplicate key${key ? ` ${excerpt(key)}` : ""}; each key may appear once` };
      }
      default:
        return { ...at, message: `YAML syntax error: ${shortMessage(error.message)}` };
    }
  });
}

/** The YAML library's message, first line only, without control characters, at most 120 characters. */
function shortMessage(message: string): string {
  // eslint-disable-next-line no-control-regex
  const line = message.split("\n")[0].replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}

/**
 * Most alias expansions a file may make when converted to plain data: a few anchors are legitimate,
 * an "alias bomb" (aliases of aliases, each doubling the size) is not.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * The source's value as plain data, with alias expansion bounded: an alias bomb becomes one
 * located problem (at the first alias) instead of an exhausted process.
 */
export function yamlValue(source: YamlSource): { value?: unknown; problems: Problem[] } {
  try {
    return { value: source.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), problems: [] };
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    let offset: number | undefined;
    visit(source.doc, {
      Alias(_, node) {
        offset = node.range?.[0];
        return visit.BREAK;
      },
    });
    const pos = offset !== undefined ? source.lineCounter.linePos(offset) : { line: 1, col: 1 };
    return {
      problems: [
        {
          file: source.file,
          line: pos.line,
          col: pos.col,
          path: "",
          message: /Excessive alias/.test(e.message)
            ? `YAML aliases here expand to too much data (more than ${MAX_ALIAS_COUNT} alias expansions); write the values out instead of using anchors and aliases`
            : `YAML alias error: ${shortMessage(e.message)}`,
        },
      ],
    };
  }
}

/**
 * Line and column (1-based) of the value at `path`, or of its nearest existing ancestor when
 * the path does not exist (a missing key is reported where its parent stands).
 * With `key: true`, the position of the map key instead of its value.
 */
export function locate(
  source: YamlSource,
  path: readonly PathSegment[],
  opts: { key?: boolean } = {},
): { line: number; col: number } | undefined {
  let node: unknown = source.doc.contents;
  let offset: number | undefined = rangeStart(node);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => keyValue(p.key) === String(seg));
      if (!pair) break;
      const last = i === path.length - 1;
      offset =
        (last && opts.key ? rangeStart(pair.key) : rangeStart(pair.value)) ?? rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number" && seg < node.items.length) {
      node = node.items[seg];
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  if (offset === undefined) return undefined;
  const pos = source.lineCounter.linePos(offset);
  return { line: pos.line, col: pos.col };
}

function keyValue(key: unknown): string | undefined {
  if (key && typeof key === "object" && "value" in key) return String((key as { value: unknown }).value);
  return key === null || key === undefined ? undefined : String(key);
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === "object" && "range" in node) {
    const range = (node as { range?: [number, number, number] }).range;
    return range?.[0];
  }
  return undefined;
}
