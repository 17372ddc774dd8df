/**
 * Plan-parser benchmark: parses each seed plan N times after a warm-up and prints p50/p95 per seed.
 * Usage: npx tsx bench/parse.ts [--json] [--runs 200] [--warmup 20]
 * --json prints one JSON object ({ runs, seeds: [{ seed, chars, p50_ms, p95_ms, max_ms }] }) instead of the table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePlan } from '../packages/domain/src/plans/index.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : dflt;
};
const runs = opt('--runs', 200);
const warmup = opt('--warmup', 20);

const seedsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../packages/db/data/seed-plans');
const seeds = fs
  .readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort();

interface Result {
  seed: string;
  chars: number;
  targets: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
}

function percentile(sorted: number[], p: number): number {
  return Number((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(3));
}

const results: Result[] = [];
for (const seed of seeds) {
  const text = fs.readFileSync(path.join(seedsDir, seed), 'utf8');
  let targets = 0;
  for (let i = 0; i < warmup; i++) targets = parsePlan(text).targets.length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    parsePlan(text);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  results.push({
    seed: seed.replace(/\.txt$/, ''),
    chars: text.length,
    targets,
    p50_ms: percentile(times, 50),
    p95_ms: percentile(times, 95),
    max_ms: Number((times[times.length - 1] ?? 0).toFixed(3)),
  });
}

if (json) console.log(JSON.stringify({ runs, warmup, seeds: results }, null, 2));
else {
  console.log(`parsePlan, ${runs} runs per seed after ${warmup} warm-up runs (Node ${process.version})\n`);
  const rows = [
    ['seed', 'chars', 'targets', 'p50 ms', 'p95 ms', 'max ms'],
    ...results.map((r) => [r.seed, r.chars, r.targets, r.p50_ms, r.p95_ms, r.max_ms].map(String)),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  for (const row of rows)
    console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
}
