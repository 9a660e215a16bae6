/**
 * Reads a configuration file that users (or a pull request) control, refusing what is not a plain
 * UTF-8 text file before any of it is parsed or quoted: symbolic links (which could point at
 * `/proc/self/environ` or `/etc/passwd`), FIFOs and devices, oversized files and other encodings.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from "fs";
import { Problem } from "../errors";

/** Largest file read (team files are a few KiB; an organisation's largest stays far below). */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;

export type TextFile = { text: string; problems?: undefined } | { text?: undefined; problems: Problem[] };

/** Reads `fullPath` (shown as `file`) as UTF-8 text, or one located problem saying why not. */
export function readTextFile(fullPath: string, file: string, maxBytes = MAX_TEXT_FILE_BYTES): TextFile {
  const refuse = (message: string, line?: number, col?: number): TextFile => ({
    problems: [{ file, ...(line !== undefined ? { line, col } : {}), path: "", message }],
  });
  const stat = lstatSync(fullPath, { throwIfNoEntry: false });
  if (!stat) return refuse("the file does not exist");
  if (stat.isSymbolicLink()) {
    return refuse("is a symbolic link; only regular files are read here (commit the file itself)");
  }
  if (!stat.isFile())
    return refuse(`is a ${kindOf(stat)}, not a regular file; only regular files are read here`);
  let fd: number;
  try {
    // O_NOFOLLOW: a link swapped in after lstat is still refused; O_NONBLOCK: a FIFO cannot hang us.
    fd = openSync(fullPath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    return refuse(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  try {
    const size = fstatSync(fd).size;
    if (!fstatSync(fd).isFile()) return refuse("is not a regular file; only regular files are read here");
    if (size > maxBytes) {
      return refuse(`is ${size} bytes, more than the ${maxBytes} bytes a file here may have`);
    }
    const bytes = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return decodeUtf8(bytes.subarray(0, read), refuse);
  } finally {
    closeSync(fd);
  }
}

function kindOf(stat: ReturnType<typeof lstatSync> & object): string {
  if (stat.isDirectory()) return "directory";
  if (stat.isFIFO()) return "named pipe (FIFO)";
  if (stat.isSocket()) return "socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "device";
  return "special file";
}

/** Names the encoding of a byte order mark or of NUL-interleaved text, if the bytes have one. */
export function detectUtf16Or32(bytes: Buffer): string | undefined {
  const starts = (...b: number[]) => b.every((x, i) => bytes[i] === x);
  if (starts(0xff, 0xfe, 0x00, 0x00)) return "UTF-32 (little-endian, with byte order mark)";
  if (starts(0x00, 0x00, 0xfe, 0xff)) return "UTF-32 (big-endian, with byte order mark)";
  if (starts(0xff, 0xfe)) return "UTF-16 (little-endian, with byte order mark)";
  if (starts(0xfe, 0xff)) return "UTF-16 (big-endian, with byte order mark)";
  // ASCII text in UTF-16 has a NUL in every other byte.
  const sample = bytes.subarray(0, 512);
  if (sample.length >= 2) {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < sample.length; i++) {
      if (sample[i] !== 0) continue;
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
    // Mostly-ASCII UTF-16: NULs in (almost) every other byte, on one side only.
    const half = Math.floor(sample.length / 2);
    if (oddNul >= half * 0.5 && evenNul * 4 < oddNul)
      return "UTF-16 (little-endian, without byte order mark)";
    if (evenNul >= half * 0.5 && oddNul * 4 < evenNul) return "UTF-16 (big-endian, without byte order mark)";
  }
  return undefined;
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong 3/4-byte forms, surrogates and code points above U+10FFFF.
    const c1 = bytes[i + 1];
    if (
      (b === 0xe0 && c1 < 0xa0) ||
      (b === 0xed && c1 > 0x9f) ||
      (b === 0xf0 && c1 < 0x90) ||
      (b === 0xf4 && c1 > 0x8f)
    ) {
      return i;
    }
    i += need + 1;
  }
  return -1;
}

function decodeUtf8(
  bytes: Buffer,
  refuse: (message: string, line?: number, col?: number) => TextFile,
): TextFile {
  const wide = detectUtf16Or32(bytes);
  if (wide) return refuse(`the file is encoded as ${wide}; save it as UTF-8`, 1, 1);
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const invalid = firstInvalidUtf8(body);
  const nul = body.indexOf(0);
  const at = (offset: number) => {
    const before = body.subarray(0, offset);
    const line = before.filter((c) => c === 0x0a).length + 1;
    return { line, col: offset - before.lastIndexOf(0x0a) };
  };
  if (invalid >= 0) {
    const { line, col } = at(invalid);
    const byte = `0x${body[invalid].toString(16).toUpperCase().padStart(2, "0")}`;
    return refuse(
      `the file is not UTF-8 (byte ${byte}); it looks like Latin-1 (ISO-8859-1) or Windows-1252: save it as UTF-8`,
      line,
      col,
    );
  }
  if (nul >= 0) {
    const { line, col } = at(nul);
    return refuse("the file contains a NUL byte; it is not a text file", line, col);
  }
  return { text: body.toString("utf8") };
}
