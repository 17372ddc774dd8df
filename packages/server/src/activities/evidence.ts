/**
 * Evidence files of an activity (photos, scanned minutes): JPEG/PNG/WebP/PDF by their bytes,
 * at most 10 MB each and 20 per activity. The bytes go to the blob store first; the row and its
 * audit entry are one transaction; a failed transaction removes the stored bytes again.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '@binhdang/db';
import { LocalizedError, msg, isUuid } from '@binhdang/domain';
import type { Actor } from '../context.js';
import { writeAudit } from '../audit/audit.js';
import type { BlobStore } from '../storage/blob-store.js';
import { checkUpload, cleanFileName } from '../storage/files.js';
import { readableRow, writableRow } from './service.js';

export const MAX_EVIDENCE_PER_ACTIVITY = 20;

export interface Evidence {
  id: string;
  activityId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

const notFound = () => new LocalizedError('not_found', msg('Không tìm thấy tệp minh chứng', 'Evidence file not found'));

function toDto(r: {
  id: string;
  activity_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  created_at: Date | string;
}): Evidence {
  return {
    id: r.id,
    activityId: r.activity_id,
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function listEvidence(db: Kysely<DB>, actor: Actor, activityId: string): Promise<Evidence[]> {
  await readableRow(db, actor, activityId);
  const rows = await db
    .selectFrom('activity_evidence')
    .selectAll()
    .where('activity_id', '=', activityId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toDto);
}

export async function addEvidence(
  db: Kysely<DB>,
  blobs: BlobStore,
  actor: Actor,
  activityId: string,
  file: { name: string | undefined; bytes: Buffer },
): Promise<Evidence> {
  // Checks before any bytes are stored: scope, permission, type, size, count.
  const first = await writableRow(db, actor, activityId);
  const type = checkUpload(file.bytes);
  const id = crypto.randomUUID();
  const key = `evidence/${activityId}/${id}`;
  const tooMany = () =>
    new LocalizedError(
      'conflict',
      msg(
        `Mỗi hoạt động có tối đa ${MAX_EVIDENCE_PER_ACTIVITY} tệp minh chứng`,
        `An activity has at most ${MAX_EVIDENCE_PER_ACTIVITY} evidence files`,
      ),
      { file: msg('Đã đủ số tệp tối đa', 'Limit reached') },
    );
  const count = async (d: Kysely<DB>) =>
    Number(
      (
        await d
          .selectFrom('activity_evidence')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('activity_id', '=', activityId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  if ((await count(db)) >= MAX_EVIDENCE_PER_ACTIVITY) throw tooMany();
  await blobs.put(key, file.bytes, type);
  try {
    return await db.transaction().execute(async (trx) => {
      // The activity row lock serialises concurrent uploads, so the count cannot be overrun.
      await writableRow(trx, actor, activityId, true);
      if ((await count(trx)) >= MAX_EVIDENCE_PER_ACTIVITY) throw tooMany();
      const row = await trx
        .insertInto('activity_evidence')
        .values({
          id,
          activity_id: activityId,
          file_name: cleanFileName(file.name, type),
          content_type: type,
          size_bytes: file.bytes.length,
          sha256: crypto.createHash('sha256').update(file.bytes).digest('hex'),
          storage_key: key,
          created_by: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const dto = toDto(row);
      await writeAudit(trx, {
        userId: actor.userId,
        action: 'add_evidence',
        entity: 'activity',
        entityId: activityId,
        orgPath: first.org_path,
        after: dto,
      });
      return dto;
    });
  } catch (e) {
    await blobs.delete(key);
    throw e;
  }
}

async function evidenceRow(db: Kysely<DB>, activityId: string, evidenceId: string) {
  if (!isUuid(evidenceId)) throw notFound();
  const row = await db
    .selectFrom('activity_evidence')
    .selectAll()
    .where('id', '=', evidenceId)
    .where('activity_id', '=', activityId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getEvidence(
  db: Kysely<DB>,
  blobs: BlobStore,
  actor: Actor,
  activityId: string,
  evidenceId: string,
): Promise<{ evidence: Evidence; bytes: Buffer }> {
  await readableRow(db, actor, activityId);
  const row = await evidenceRow(db, activityId, evidenceId);
  const bytes = await blobs.get(row.storage_key);
  if (!bytes) throw notFound();
  return { evidence: toDto(row), bytes };
}

export async function deleteEvidence(
  db: Kysely<DB>,
  blobs: BlobStore,
  actor: Actor,
  activityId: string,
  evidenceId: string,
): Promise<void> {
  const key = await db.transaction().execute(async (trx) => {
    const a = await writableRow(trx, actor, activityId, true);
    const row = await evidenceRow(trx as unknown as Kysely<DB>, activityId, evidenceId);
    await trx.deleteFrom('activity_evidence').where('id', '=', evidenceId).execute();
    await writeAudit(trx, {
      userId: actor.userId,
      action: 'delete_evidence',
      entity: 'activity',
      entityId: activityId,
      orgPath: a.org_path,
      before: toDto(row),
    });
    return row.storage_key;
  });
  // After the commit: a failed transaction keeps both the row and the bytes.
  await blobs.delete(key);
}
