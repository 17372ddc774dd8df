/**
 * Demo reports for Lai Châu, so the pages tell a story on 22/11/2026:
 * - a national reporting rule (Program 1790, annual, before 15/12) that the province owes, with the
 *   province plan (seed 002) implementing it — the province's consolidated report;
 * - a 2025 annual plan and a first-half 2026 plan of the province with history: approved on time,
 *   late, missing; a 2026 half-year report of commune 03394 returned for fixes;
 * - for the 2026 annual report under seed 002 (due before 01/12/2026): several units submitted
 *   (the province reviewer's inbox), a few approved, some drafts; commune 03394 not started.
 * Idempotent; needs the demo units, users and plans (loads the demo activities first if missing).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '@binhdang/db';
import { PlanInput, type Narrative } from '@binhdang/domain';
import { writeAudit } from '../audit/audit.js';
import { createPlan } from '../plans/service.js';
import { loadDemoActivities } from './demo-activities.js';
import { dueOf, expectedUnits, loadRules, UnitCache } from '../reports/obligations.js';
import { figuresOf } from '../reports/service.js';
import { periodForRule } from '@binhdang/domain';

const NATIONAL_TITLE =
  'Chương trình Truyền thông về bình đẳng giới đến năm 2030: chế độ báo cáo của các tỉnh, thành phố';

const narrative = (unitName: string, period: string): Narrative => ({
  results: `${unitName} đã triển khai các hoạt động truyền thông về bình đẳng giới theo kế hoạch kỳ ${period}; số liệu chi tiết tại các biểu kèm theo.`,
  limitations:
    'Một số thôn, bản vùng sâu, vùng xa còn khó tiếp cận; đội ngũ làm công tác bình đẳng giới kiêm nhiệm, thay đổi thường xuyên.',
  recommendations:
    'Đề nghị cấp trên tiếp tục hỗ trợ tài liệu truyền thông bằng tiếng dân tộc và tập huấn cho cán bộ cơ sở.',
  nextTasks: 'Tiếp tục tổ chức Tháng hành động vì bình đẳng giới; nhân rộng mô hình câu lạc bộ gia đình hạnh phúc.',
});

export async function loadDemoReports(db: Kysely<DB>): Promise<number> {
  const has = await db.selectFrom('report').select('id').limit(1).executeTakeFirst();
  if (has) return 0;
  const province = await db.selectFrom('org_unit').select(['id', 'path']).where('code', '=', '12').executeTakeFirst();
  const vn = await db.selectFrom('org_unit').select(['id']).where('code', '=', 'VN').executeTakeFirst();
  const plan002 = await db
    .selectFrom('plan')
    .select(['id', 'parent_plan_id'])
    .where('org_path', '=', 'VN.12')
    .where('period_from', '=', 2026)
    .where('status', '=', 'issued')
    .executeTakeFirst();
  if (!province || !vn || !plan002) return 0;
  await loadDemoActivities(db);

  const issue = async (input: unknown) => {
    const plan = await createPlan(db, null, PlanInput.parse(input));
    await db.updateTable('plan').set({ status: 'issued' }).where('id', '=', plan.id).execute();
    return plan;
  };
  const national = await issue({
    orgUnit: 'VN',
    issuerName: 'Thủ tướng Chính phủ',
    number: '1790/QĐ-TTg',
    issuedOn: '2021-10-23',
    title: NATIONAL_TITLE,
    kind: 'program',
    periodFrom: 2022,
    periodTo: 2030,
    // The program's five national targets (DOMAIN.md T1–T5), so the national dashboard measures them.
    targets: [
      {
        number: 1,
        text: 'Hằng năm, các cơ quan, tổ chức, doanh nghiệp và người dân được truyền thông về pháp luật, chính sách bình đẳng giới ít nhất 02 cuộc/năm',
        unit: 'sessions',
        milestones: [
          { year: 2025, value: 2 },
          { year: 2030, value: 2 },
        ],
        frequency: 'annual',
        ruleKind: 'units_meeting_count',
      },
      {
        number: 2,
        text: 'Hằng năm, 100% các cơ quan, đơn vị, địa phương xây dựng kế hoạch và tổ chức Tháng hành động vì bình đẳng giới',
        unit: 'percent',
        milestones: [
          { year: 2025, value: 100 },
          { year: 2030, value: 100 },
        ],
        frequency: 'annual',
        ruleKind: 'units_with_record',
      },
      {
        number: 3,
        text: 'Đến năm 2030, nhận thức về bình đẳng giới của các nhóm đối tượng trong cộng đồng tăng 10-15% so với năm 2025',
        unit: 'percent',
        comparator: 'range',
        milestones: [{ year: 2030, value: 10, valueMax: 15 }],
        frequency: 'by_year',
        baselineYear: 2025,
        ruleKind: 'survey_change',
      },
      {
        number: 4,
        text: 'Đến năm 2025, 70% cơ quan truyền thông thí điểm và đến năm 2030, 90% áp dụng chính thức Bộ chỉ số về giới trong truyền thông',
        unit: 'percent',
        milestones: [
          { year: 2025, value: 70 },
          { year: 2030, value: 90 },
        ],
        frequency: 'by_year',
        ruleKind: 'share_with_status',
        scopeKinds: ['media_agency'],
      },
      {
        number: 5,
        text: 'Đến năm 2025, 95% và đến năm 2030, 100% hương ước, quy ước của cộng đồng không có nội dung phân biệt đối xử về giới',
        unit: 'percent',
        milestones: [
          { year: 2025, value: 95 },
          { year: 2030, value: 100 },
        ],
        frequency: 'by_year',
        ruleKind: 'share_with_status',
        scopeKinds: ['village'],
      },
    ],
    reportingRules: [
      {
        frequency: 'annual',
        deadline: '15/12',
        recipientName: 'Bộ Nội vụ (Vụ Công tác thanh niên và Bình đẳng giới)',
      },
    ],
  });
  if (!plan002.parent_plan_id)
    await db.updateTable('plan').set({ parent_plan_id: national.id }).where('id', '=', plan002.id).execute();
  const groups = [
    { orgName: 'UBND các xã, phường', role: 'lead' },
    { orgName: 'các sở, ban, ngành tỉnh', role: 'lead' },
    { orgName: 'các tổ chức chính trị - xã hội tỉnh', role: 'coordinate' },
  ];
  const plan2025 = await issue({
    orgUnit: '12',
    issuerName: 'Ủy ban nhân dân tỉnh Lai Châu',
    number: '95/KH-UBND',
    place: 'Lai Châu',
    issuedOn: '2025-08-12',
    title:
      'Kế hoạch thực hiện công tác bình đẳng giới năm 2025 trên địa bàn tỉnh Lai Châu (sau sắp xếp đơn vị hành chính)',
    kind: 'annual',
    periodFrom: 2025,
    periodTo: 2025,
    assignments: groups,
    reportingRules: [{ frequency: 'annual', deadline: '01/12', recipientName: 'Ủy ban nhân dân tỉnh (qua Sở Nội vụ)' }],
  });
  const plan2026h = await issue({
    orgUnit: '12',
    issuerName: 'Ủy ban nhân dân tỉnh Lai Châu',
    number: '12/KH-UBND',
    place: 'Lai Châu',
    issuedOn: '2026-01-20',
    title: 'Kế hoạch truyền thông về bình đẳng giới 6 tháng đầu năm 2026 trên địa bàn tỉnh Lai Châu',
    kind: 'annual',
    periodFrom: 2026,
    periodTo: 2026,
    assignments: groups,
    reportingRules: [
      { frequency: 'half_year', deadline: '05/06', recipientName: 'Ủy ban nhân dân tỉnh (qua Sở Nội vụ)' },
    ],
  });

  const users = new Map(
    (
      await db
        .selectFrom('app_user as u')
        .innerJoin('org_unit as o', 'o.id', 'u.org_unit_id')
        .select(['u.id', 'u.username', 'o.id as org_id'])
        .execute()
    ).map((u) => [u.username, u]),
  );
  const reviewer = users.get('tinh.laichau')?.id ?? null;
  const reporterOf = (orgId: string) => [...users.values()].find((u) => u.org_id === orgId)?.id ?? null;

  const rules = await loadRules(db, { planIds: [plan2025.id, plan2026h.id, plan002.id] });
  const cache = new UnitCache(db);
  const at = (s: string) => new Date(s);
  type Step = {
    status: 'draft' | 'submitted' | 'returned' | 'approved';
    submitted?: string;
    approved?: string;
    returned?: string;
    comment?: string;
  };
  const plans: { period: string; planId: string; story: (code: string, i: number) => Step | null }[] = [
    {
      period: '2025',
      planId: plan2025.id,
      story: (code, i) =>
        code === '03394'
          ? { status: 'approved', submitted: '2025-11-25T09:10:00+07:00', approved: '2025-11-28T15:00:00+07:00' }
          : i % 7 === 3
            ? null
            : i % 5 === 1
              ? {
                  status: 'approved',
                  submitted: `2025-12-0${2 + (i % 6)}T10:00:00+07:00`,
                  approved: '2025-12-12T16:00:00+07:00',
                }
              : {
                  status: 'approved',
                  submitted: `2025-11-${String(18 + (i % 10)).padStart(2, '0')}T14:30:00+07:00`,
                  approved: '2025-12-05T09:00:00+07:00',
                },
    },
    {
      period: '2026S1',
      planId: plan2026h.id,
      story: (code, i) =>
        code === '03394'
          ? {
              status: 'returned',
              submitted: '2026-06-03T16:00:00+07:00',
              returned: '2026-06-10T08:30:00+07:00',
              comment: 'Đề nghị bổ sung số người tham dự nữ, nam của các buổi sinh hoạt câu lạc bộ và gửi lại.',
            }
          : i % 6 === 2
            ? null
            : i % 4 === 1
              ? {
                  status: 'approved',
                  submitted: `2026-06-${String(6 + (i % 9)).padStart(2, '0')}T10:00:00+07:00`,
                  approved: '2026-06-25T10:00:00+07:00',
                }
              : i % 4 === 3
                ? { status: 'submitted', submitted: `2026-06-0${1 + (i % 4)}T09:00:00+07:00` }
                : {
                    status: 'approved',
                    submitted: `2026-05-${String(20 + (i % 10)).padStart(2, '0')}T15:00:00+07:00`,
                    approved: '2026-06-12T10:00:00+07:00',
                  },
    },
    {
      period: '2026',
      planId: plan002.id,
      story: (code, i) =>
        code === '03394'
          ? null
          : i % 3 === 0
            ? { status: 'submitted', submitted: `2026-11-${String(10 + (i % 11)).padStart(2, '0')}T10:00:00+07:00` }
            : i % 8 === 1
              ? { status: 'approved', submitted: '2026-11-05T10:00:00+07:00', approved: '2026-11-12T10:00:00+07:00' }
              : i % 5 === 2
                ? { status: 'draft' }
                : null,
    },
  ];

  let n = 0;
  for (const p of plans) {
    const rule = rules.find((r) => r.planId === p.planId)!;
    const period = periodForRule(rule.frequency, p.period)!;
    const due = dueOf(rule, period);
    const units = await expectedUnits(cache, due);
    for (const [i, u] of units.entries()) {
      const step = p.story(u.code, i);
      if (!step) continue;
      const id = crypto.randomUUID();
      const row = {
        id,
        org_unit_id: u.id,
        org_path: u.path,
        province_code: u.provinceCode,
        period: period.code,
        frequency: rule.frequency,
        plan_id: rule.planId,
        rule_id: rule.ruleId,
        plan_title: rule.planTitle,
        plan_number: rule.planNumber,
        recipient_org_unit_id: rule.recipientOrgUnitId,
        recipient_name: rule.recipientName,
        due_before: due.dueBefore,
        cutoff_from: due.cutoffFrom,
        cutoff_to: due.cutoffTo,
        narrative: JSON.stringify(narrative(u.name, period.code)),
        figures: null,
        created_by: reporterOf(u.id),
        created_at: at(step.submitted ?? '2026-11-15T08:00:00+07:00'),
        updated_at: at(step.approved ?? step.returned ?? step.submitted ?? '2026-11-15T08:00:00+07:00'),
      };
      await db.insertInto('report').values(row).execute();
      if (step.status === 'draft') {
        n++;
        continue;
      }
      const full = (await db.selectFrom('report').selectAll().where('id', '=', id).executeTakeFirst())!;
      const figures = await figuresOf(db, full);
      const versions: { action: string; status: string; at: string; by: string | null; comment: string | null }[] = [
        { action: 'submit', status: 'submitted', at: step.submitted!, by: reporterOf(u.id), comment: null },
      ];
      if (step.approved)
        versions.push({ action: 'approve', status: 'approved', at: step.approved, by: reviewer, comment: null });
      if (step.returned)
        versions.push({
          action: 'return',
          status: 'returned',
          at: step.returned,
          by: reviewer,
          comment: step.comment ?? null,
        });
      await db
        .updateTable('report')
        .set({
          status: step.status,
          figures: JSON.stringify(figures),
          first_submitted_at: at(step.submitted!),
          submitted_at: at(step.submitted!),
          submitted_by: reporterOf(u.id),
          approved_at: step.approved ? at(step.approved) : null,
          approved_by: step.approved ? reviewer : null,
          return_comment: step.comment ?? null,
          version: versions.length,
        })
        .where('id', '=', id)
        .execute();
      await db
        .insertInto('report_version')
        .values(
          versions.map((v, k) => ({
            id: crypto.randomUUID(),
            report_id: id,
            number: k + 1,
            action: v.action,
            status: v.status,
            narrative: row.narrative,
            figures: v.action === 'submit' ? JSON.stringify(figures) : null,
            comment: v.comment,
            by_user_id: v.by,
            at: at(v.at),
          })),
        )
        .execute();
      n++;
    }
  }
  await writeAudit(db, {
    userId: null,
    action: 'load_demo_reports',
    entity: 'report',
    entityId: 'demo',
    orgPath: 'VN',
    after: { reports: n },
  });
  return n;
}
