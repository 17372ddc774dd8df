/**
 * Mapped text: a cleaned string whose every UTF-16 unit remembers the range [start, end) of the
 * ORIGINAL input it came from. All matching runs on cleaned text (NFC, markdown stripped, lines
 * re-joined); spans are translated back through the maps, so they always index the caller's input.
 */
import type { TextSpan } from './types.js';

export class MText {
  constructor(
    readonly text: string,
    readonly starts: Int32Array,
    readonly ends: Int32Array,
  ) {}

  get length(): number {
    return this.text.length;
  }

  slice(a: number, b: number = this.text.length): MText {
    const lo = Math.max(0, Math.min(a, this.text.length));
    const hi = Math.max(lo, Math.min(b, this.text.length));
    return new MText(this.text.slice(lo, hi), this.starts.subarray(lo, hi), this.ends.subarray(lo, hi));
  }

  /** Range [a, b) trimmed of white space and joiners; null when nothing is left. */
  trimRange(a = 0, b: number = this.text.length): [number, number] | null {
    let lo = Math.max(0, a);
    let hi = Math.min(this.text.length, b);
    while (lo < hi && isTrimmable(this.text.charCodeAt(lo))) lo++;
    while (hi > lo && isTrimmable(this.text.charCodeAt(hi - 1))) hi--;
    return lo < hi ? [lo, hi] : null;
  }

  /** Original-input span of [a, b) after trimming; null when the range is blank. */
  span(a = 0, b: number = this.text.length): TextSpan | null {
    const r = this.trimRange(a, b);
    if (!r) return null;
    const start = this.starts[r[0]] ?? 0;
    const end = this.ends[r[1] - 1] ?? start;
    return end > start ? { start, end } : null;
  }

  trim(): MText {
    const r = this.trimRange();
    return r ? this.slice(r[0], r[1]) : this.slice(0, 0);
  }
}

function isTrimmable(c: number): boolean {
  return c === 32 || c === 9 || c === 10;
}

/** Accumulates characters with their original ranges. */
export class MBuilder {
  private readonly parts: string[] = [];
  private s = new Int32Array(64);
  private e = new Int32Array(64);
  private n = 0;

  get length(): number {
    return this.n;
  }

  private grow(extra: number): void {
    if (this.n + extra <= this.s.length) return;
    let cap = this.s.length * 2;
    while (cap < this.n + extra) cap *= 2;
    const s = new Int32Array(cap);
    const e = new Int32Array(cap);
    s.set(this.s.subarray(0, this.n));
    e.set(this.e.subarray(0, this.n));
    this.s = s;
    this.e = e;
  }

  /** Appends str; every unit maps to the original range [start, end). */
  push(str: string, start: number, end: number): void {
    this.grow(str.length);
    this.parts.push(str);
    for (let k = 0; k < str.length; k++) {
      this.s[this.n] = start;
      this.e[this.n] = end;
      this.n++;
    }
  }

  /** Appends a synthetic joiner (a space) that maps to an empty range at `at`. */
  joiner(at: number): void {
    this.push(' ', at, at);
  }

  pushRange(m: MText, a: number, b: number): void {
    if (b <= a) return;
    this.grow(b - a);
    this.parts.push(m.text.slice(a, b));
    this.s.set(m.starts.subarray(a, b), this.n);
    this.e.set(m.ends.subarray(a, b), this.n);
    this.n += b - a;
  }

  build(): MText {
    return new MText(this.parts.join(''), this.s.slice(0, this.n), this.e.slice(0, this.n));
  }
}

function isCombining(c: number): boolean {
  return (
    (c >= 0x300 && c <= 0x36f) ||
    (c >= 0x1ab0 && c <= 0x1aff) ||
    (c >= 0x1dc0 && c <= 0x1dff) ||
    (c >= 0x20d0 && c <= 0x20ff) ||
    (c >= 0xfe20 && c <= 0xfe2f)
  );
}

/**
 * NFC-normalises the input character cluster by cluster (base + combining marks), maps exotic
 * spaces to ' ', line separators to '\n', drops zero-width characters and soft hyphens.
 */
/** Characters the normaliser rewrites: CR, tabs and other controls, exotic spaces, zero-width marks. */
function hasSpecial(input: string): boolean {
  for (let k = 0; k < input.length; k++) {
    const c = input.charCodeAt(k);
    if (c < 32 ? c !== 10 : c < 0x85 ? false : isSpecialCode(c)) return true;
  }
  return false;
}

function isSpecialCode(c: number): boolean {
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0xad ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export function normalizeInput(input: string): MText {
  if (!hasSpecial(input) && input.normalize('NFC') === input) {
    // already clean: the identity map
    const n = input.length;
    const s = new Int32Array(n);
    const e = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      s[k] = k;
      e[k] = k + 1;
    }
    return new MText(input, s, e);
  }
  const b = new MBuilder();
  const n = input.length;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    let j = i + 1;
    if (c >= 0xd800 && c <= 0xdbff && j < n) {
      const d = input.charCodeAt(j);
      if (d >= 0xdc00 && d <= 0xdfff) j++;
    }
    while (j < n && isCombining(input.charCodeAt(j))) j++;
    if (j === i + 1) {
      if (c === 13) {
        if (input.charCodeAt(j) !== 10) b.push('\n', i, j);
      } else if (
        c === 9 ||
        c === 0xa0 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000
      ) {
        b.push(' ', i, j);
      } else if (c === 12 || c === 11 || c === 0x2028 || c === 0x2029 || c === 0x85) {
        b.push('\n', i, j);
      } else if (c === 0x200b || c === 0x200c || c === 0x200d || c === 0xfeff || c === 0xad || c === 0x2060) {
        // dropped
      } else if (c < 32 && c !== 10) {
        b.push(' ', i, j);
      } else if (c < 0x300) {
        b.push(input.charAt(i), i, j);
      } else {
        b.push(input.slice(i, j).normalize('NFC'), i, j);
      }
    } else {
      b.push(input.slice(i, j).normalize('NFC'), i, j);
    }
    i = j;
  }
  return b.build();
}
