/** A plan as an official .docx (Decree 30/2020 layout) and its targets as .xlsx. */
import ExcelJS from 'exceljs';
import type { Plan } from '@binhdang/domain';
import { buildOfficialDocx, type Block } from '../documents/official-docx.js';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const FREQ_VI: Record<string, string> = {
  half_year: '6 tháng',
  annual: 'hằng năm',
  quarterly: 'hằng quý',
  monthly: 'hằng tháng',
};
const COMPARATOR_VI: Record<string, string> = { gte: '≥', gt: '>', eq: '=', lte: '≤', range: 'từ … đến' };
const TARGET_FREQ_VI: Record<string, string> = {
  annual: 'Hằng năm',
  half_year: '6 tháng',
  quarterly: 'Hằng quý',
  monthly: 'Hằng tháng',
  by_year: 'Đến năm',
  once: 'Một lần',
};

function paragraphs(text: string): Block[] {
  return text
    .split(/\n\s*\n|\n(?=\s*[-+•])/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .map((p) => (/^[-+•]/.test(p) ? { kind: 'bullet', text: p } : { kind: 'paragraph', text: p }));
}

export function planBody(plan: Plan): Block[] {
  const body: Block[] = plan.legalBases.map((t) => ({ kind: 'paragraph', text: t }));
  let section = 0;
  const heading = (text: string): Block => ({ kind: 'heading', level: 1, text: `${ROMAN[section++]}. ${text}` });
  if (plan.purposes.trim()) body.push(heading('Mục đích, yêu cầu'), ...paragraphs(plan.purposes));
  if (plan.targets.length) {
    body.push(heading('Mục tiêu'));
    const seen = new Set<number>();
    for (const t of plan.targets) {
      // Two milestones of one numbered target share its text: print it once.
      if (seen.has(t.number)) continue;
      seen.add(t.number);
      body.push({ kind: 'paragraph', text: `${t.number}. ${t.text}` });
    }
  }
  if (plan.taskGroups.length) {
    body.push(heading('Nhiệm vụ, giải pháp'));
    for (const g of plan.taskGroups) {
      body.push({ kind: 'heading', level: 2, text: `${g.ordinal}. ${g.heading}` });
      if (g.method) body.push(...paragraphs(g.method));
      for (const s of g.subtasks) body.push({ kind: 'bullet', text: s });
    }
  }
  if (plan.budgetText.trim() || plan.budgetSources.length) {
    body.push(heading('Kinh phí thực hiện'));
    if (plan.budgetText.trim()) body.push(...paragraphs(plan.budgetText));
    else for (const s of plan.budgetSources) body.push({ kind: 'bullet', text: s });
  }
  if (plan.assignments.length || plan.reportingRules.length) {
    body.push(heading('Tổ chức thực hiện'));
    plan.assignments.forEach((a, i) => {
      const links = a.targetNumbers.length ? ` (báo cáo Mục tiêu ${a.targetNumbers.join(', ')})` : '';
      body.push({ kind: 'heading', level: 2, text: `${i + 1}. ${a.orgName}${links}` });
      if (a.duties.trim()) body.push(...paragraphs(a.duties));
    });
    if (plan.reportingRules.length) {
      body.push({ kind: 'heading', level: 2, text: `${plan.assignments.length + 1}. Chế độ thông tin, báo cáo` });
      for (const r of plan.reportingRules) {
        const to = r.recipientName ? ` gửi ${r.recipientName}` : '';
        body.push({
          kind: 'bullet',
          text: `Báo cáo ${FREQ_VI[r.frequency] ?? r.frequency}${to} trước ngày ${r.deadline}.`,
        });
      }
    }
  }
  return body;
}

export function issuerOf(plan: Plan): string {
  return plan.issuerName ?? plan.orgUnitName;
}

export async function planDocx(plan: Plan, supervisingBody: string | null): Promise<Buffer> {
  return buildOfficialDocx({
    supervisingBody: plan.supervisingBody ?? supervisingBody,
    issuer: issuerOf(plan),
    numberSymbol: plan.number && /^\d/.test(plan.number) ? plan.number : `       ${plan.number ?? '/KH'}`,
    place: plan.place ?? plan.orgUnitName,
    date: plan.issuedOn,
    typeName: 'Kế hoạch',
    summary: plan.title,
    body: planBody(plan),
    recipients: plan.recipients.length ? plan.recipients : ['Như trên', 'Lưu: VT'],
    signer: plan.signer,
  });
}

export async function planTargetsXlsx(plan: Plan): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'binhdang';
  const ws = wb.addWorksheet('Chỉ tiêu');
  ws.columns = [
    { header: 'STT', key: 'number', width: 6 },
    { header: 'Mã', key: 'code', width: 8 },
    { header: 'Chỉ tiêu', key: 'text', width: 70 },
    { header: 'Đơn vị tính', key: 'unit', width: 14 },
    { header: 'So sánh', key: 'comparator', width: 10 },
    { header: 'Năm', key: 'year', width: 8 },
    { header: 'Giá trị', key: 'value', width: 10 },
    { header: 'Giá trị tối đa', key: 'valueMax', width: 12 },
    { header: 'Tần suất', key: 'frequency', width: 12 },
    { header: 'Năm gốc', key: 'baselineYear', width: 10 },
    { header: 'Cách đo', key: 'ruleKind', width: 22 },
    { header: 'Chỉ tiêu cấp trên', key: 'parent', width: 50 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const t of plan.targets) {
    const milestones = t.milestones.length ? t.milestones : [{ year: null, value: null, valueMax: null }];
    for (const m of milestones) {
      ws.addRow({
        number: t.number,
        code: t.code,
        text: t.text,
        unit: t.unit,
        comparator: COMPARATOR_VI[t.comparator] ?? t.comparator,
        year: m.year,
        value: m.value,
        valueMax: m.valueMax,
        frequency: TARGET_FREQ_VI[t.frequency] ?? t.frequency,
        baselineYear: t.baselineYear,
        ruleKind: t.ruleKind,
        parent: t.parentTargetText,
      });
    }
  }
  ws.getColumn('text').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
