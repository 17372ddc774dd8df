/** The reference lists an import sheet names by code or name: kinds, channels, audiences, campaigns. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '@binhdang/db';
import type { ImportRefs } from '@binhdang/domain';

export async function loadImportRefs(db: Kysely<DB> | Transaction<DB>): Promise<ImportRefs> {
  const [kinds, channels, audiences, campaigns] = await Promise.all([
    db
      .selectFrom('activity_kind')
      .select(['code', 'name_vi', 'name_en'])
      .where('active', '=', true)
      .orderBy('ordinal')
      .execute(),
    db
      .selectFrom('activity_channel')
      .select(['code', 'name_vi', 'name_en'])
      .where('active', '=', true)
      .orderBy('ordinal')
      .execute(),
    db
      .selectFrom('audience')
      .select(['code', 'name_vi', 'name_en'])
      .where('active', '=', true)
      .orderBy('ordinal')
      .execute(),
    db
      .selectFrom('campaign')
      .select(['id', 'code', 'name_vi', 'name_en'])
      // Retired campaigns too: old activities name them and must read back.
      .orderBy('ordinal')
      .execute(),
  ]);
  const entry = (r: { code: string; name_vi: string; name_en: string }) => ({
    code: r.code,
    nameVi: r.name_vi,
    nameEn: r.name_en,
  });
  return {
    kinds: kinds.map(entry),
    channels: channels.map(entry),
    audiences: audiences.map(entry),
    campaigns: campaigns.map((c) => ({ ...entry(c), value: c.id })),
  };
}
