/**
 * Reminder e-mails: off by default. The selection is the in-app one (due within 7 days, overdue,
 * returned), one message per user who writes or reviews their unit's reports. No SMTP client is
 * installed in this build, and users carry no e-mail address yet, so the only sender is a logging
 * one; a real SMTP sender implements `ReminderSender` and is chosen by `senderFromEnv` when
 * SMTP_URL is set.
 */
import type { Kysely } from 'kysely';
import type { DB } from '@binhdang/db';
import { formatDateVi, hasPermission, ROLES, type Reminder, type Role } from '@binhdang/domain';
import { remindersForUnit } from './service.js';

export interface ReminderMail {
  userId: string;
  username: string;
  displayName: string;
  subject: string;
  text: string;
  items: Reminder[];
}

export interface ReminderSender {
  send(mail: ReminderMail): Promise<void>;
}

/** Writes each message to the log instead of sending it. */
export class LoggingSender implements ReminderSender {
  constructor(private readonly log: (line: string) => void = (l) => console.log(l)) {}
  async send(mail: ReminderMail): Promise<void> {
    this.log(`[reminder] to ${mail.username}: ${mail.subject}\n${mail.text}`);
  }
}

/** SMTP_URL unset: no e-mail (the default). Set: the logging sender until an SMTP client is added. */
export function senderFromEnv(env: NodeJS.ProcessEnv = process.env): ReminderSender | null {
  return env.SMTP_URL ? new LoggingSender() : null;
}

function line(r: Reminder): string {
  const what = `Báo cáo ${r.period} (${r.planTitle}) gửi ${r.recipientName}`;
  if (r.kind === 'returned') return `- ${what}: bị trả lại — ${r.returnComment ?? ''}`;
  if (r.kind === 'overdue') return `- ${what}: quá hạn (hạn trước ngày ${formatDateVi(r.dueBefore)})`;
  return `- ${what}: còn ${r.daysLeft} ngày (hạn trước ngày ${formatDateVi(r.dueBefore)})`;
}

/** Sends one message per user with something to do; returns how many were sent. */
export async function sendReminders(db: Kysely<DB>, sender: ReminderSender, now: Date): Promise<number> {
  const users = await db
    .selectFrom('app_user as u')
    .innerJoin('org_unit as o', 'o.id', 'u.org_unit_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'o.id as org_id', 'o.path'])
    .where('u.active', '=', true)
    .execute();
  const byUnit = new Map<string, Promise<Reminder[]>>();
  let sent = 0;
  for (const u of users) {
    const roles = u.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    if (!hasPermission(roles, 'report.write') && !hasPermission(roles, 'report.review')) continue;
    let p = byUnit.get(u.org_id);
    if (!p) byUnit.set(u.org_id, (p = remindersForUnit(db, { id: u.org_id, path: u.path }, now)));
    const items = await p;
    if (!items.length) continue;
    await sender.send({
      userId: u.id,
      username: u.username,
      displayName: u.display_name,
      subject: `[binhdang] ${items.length} báo cáo cần xử lý`,
      text: items.map(line).join('\n'),
      items,
    });
    sent++;
  }
  return sent;
}
