import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PLANS_DIR } from '@binhdang/db';
import type { PlanInput } from '@binhdang/domain';
import { auditCount, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const seeds = fs
  .readdirSync(SEED_PLANS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const seedText = (f: string) => fs.readFileSync(path.join(SEED_PLANS_DIR, f), 'utf8');

function multipart(filename: string, content: Buffer, contentType = 'application/octet-stream') {
  const boundary = '----binhdangTestBoundary' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(filename: string, content: Buffer, username = 'tinh.laichau') {
  const m = multipart(filename, content);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/plans/parse',
    payload: m.payload,
    headers: { ...m.headers, cookie: await t.login(username) },
  });
  return {
    status: res.statusCode,
    body: res.json() as { draft: PlanInput; text: string; error?: { code: string; fields: Record<string, string> } },
  };
}

/** A minimal PDF with one line of text in a standard font (no embedding needed). */
function tinyPdf(line: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${line}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => String(o).padStart(10, '0') + ' 00000 n \n').join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('parse preview (writes nothing)', () => {
  it.each(seeds)('seed %s uploaded as .txt becomes a draft with targets and task groups', async (seed) => {
    await t.login('tinh.laichau');
    const before = await auditCount(t.database);
    const r = await upload(seed, Buffer.from(seedText(seed)));
    expect(r.status).toBe(200);
    expect(r.body.text.length).toBeGreaterThan(1000);
    expect(r.body.draft.title.length).toBeGreaterThan(10);
    expect(r.body.draft.taskGroups.length + r.body.draft.targets.length).toBeGreaterThan(0);
    expect(r.body.draft.originalText).toBe(r.body.text);
    expect(await auditCount(t.database)).toBe(before);
  });

  it('pasted text works the same', async () => {
    const text = seedText(seeds.find((s) => s.startsWith('002'))!);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/plans/parse',
      payload: { text },
      headers: { cookie: await t.login('tinh.laichau') },
    });
    expect(res.statusCode).toBe(200);
    const draft = res.json<{ draft: PlanInput }>().draft;
    expect(draft.targets.map((x) => x.number)).toEqual([1, 2, 3, 4, 5]);
    expect(draft.reportingRules.map((x) => x.deadline)).toContain('01/12');
  });

  it('reads a .docx', async () => {
    const text = seedText(seeds.find((s) => s.startsWith('002'))!);
    const doc = new Document({ sections: [{ children: text.split('\n').map((l) => new Paragraph(l)) }] });
    const r = await upload('ke-hoach.docx', await Packer.toBuffer(doc));
    expect(r.status).toBe(200);
    expect(r.body.text).toContain('Tháng hành động vì bình đẳng giới');
    expect(r.body.draft.targets.length).toBeGreaterThanOrEqual(5);
  });

  it('reads a text .pdf', async () => {
    const r = await upload('ke-hoach.pdf', tinyPdf('KE HOACH Thuc hien Chuong trinh Truyen thong ve binh dang gioi'));
    expect(r.status).toBe(200);
    expect(r.body.text).toContain('Chuong trinh Truyen thong');
  });
});

describe('bad files get a clear 4xx naming the file and change nothing', () => {
  const cases: [string, () => Promise<Buffer> | Buffer, string, number][] = [
    ['an empty file', () => Buffer.alloc(0), 'ke-hoach.txt', 400],
    [
      'binary junk as .txt',
      () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      'ke-hoach.txt',
      400,
    ],
    ['junk named .docx', () => Buffer.from('not a zip at all'), 'ke-hoach.docx', 400],
    ['junk named .pdf', () => Buffer.from('%PDF-1.4 garbage garbage'), 'ke-hoach.pdf', 400],
    ['an unknown type', () => Buffer.from('hello'), 'ke-hoach.exe', 415],
    ['a 50 MB upload', () => Buffer.alloc(50 * 1024 * 1024, 0x41), 'big.txt', 413],
    [
      'a .docx bomb',
      async () => {
        const zip = new JSZip();
        zip.file('[Content_Types].xml', '<Types/>');
        zip.file('word/document.xml', Buffer.alloc(200 * 1024 * 1024, 0x20));
        return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
      },
      'bomb.docx',
      413,
    ],
  ];
  it.each(cases)('%s', async (_name, make, filename, status) => {
    await t.login('tinh.laichau');
    const before = await auditCount(t.database);
    const plansBefore = await t.database.db
      .selectFrom('plan')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const content = await make();
    const r = await upload(filename, content);
    expect(r.status).toBe(status);
    expect(r.body.error?.fields).toHaveProperty('file');
    expect(await auditCount(t.database)).toBe(before);
    const plansAfter = await t.database.db
      .selectFrom('plan')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(plansAfter.n)).toBe(Number(plansBefore.n));
  });

  it('a viewer may not import', async () => {
    const r = await upload('x.txt', Buffer.from('KẾ HOẠCH'), 'xem.laichau');
    expect(r.status).toBe(403);
  });
});

describe('import then save', () => {
  it('the corrected draft saves as a plan in one step', async () => {
    const text = seedText(seeds.find((s) => s.startsWith('002'))!);
    const cookie = await t.login('tinh.laichau');
    const parsed = await t.app.inject({
      method: 'POST',
      url: '/api/plans/parse',
      payload: { text },
      headers: { cookie },
    });
    const draft = parsed.json<{ draft: PlanInput }>().draft;
    draft.number = '183/KH-UBND';
    const saved = await t.app.inject({ method: 'POST', url: '/api/plans', payload: draft, headers: { cookie } });
    expect(saved.statusCode).toBe(201);
    expect(saved.json().targets.length).toBe(draft.targets.length);
    const original = await t.app.inject({
      method: 'GET',
      url: `/api/plans/${saved.json().id}/original-text`,
      headers: { cookie },
    });
    expect(original.json().text).toBe(text.normalize('NFC'));
  });
});
