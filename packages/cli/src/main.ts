import { Command, Option } from 'commander';
import { DataDirLockedError, defaultDataDir, migrate, openDatabase, type Database } from '@binhdang/db';
import fs from 'node:fs';
import path from 'node:path';
import { CreateUserBody, parsePlan, planToCliJson, ROLES } from '@binhdang/domain';
import {
  buildApp,
  createUser,
  DEMO_PASSWORD,
  DEMO_USERS,
  extractText,
  importPlanText,
  loadAdminUnits,
  loadDemo,
  loadDemoPlans,
  loadDemoReports,
  hasNational,
  loadNational,
  NATIONAL_SIZES,
  type NationalSize,
  VERSION,
} from '@binhdang/server';
import { registerActivityCommands } from './activities.js';

const program = new Command('binhdang')
  .description(
    'binhdang — Chương trình Truyền thông về bình đẳng giới đến năm 2030 / Gender Equality Communication Program to 2030',
  )
  .version(VERSION);

function describeDb(): string {
  return process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${defaultDataDir()}`;
}

/** Opens, migrates and loads the administrative units: every command needs the same ready database. */
async function ready(): Promise<Database> {
  const database = await openDatabase();
  const applied = await migrate(database);
  if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
  const added = await loadAdminUnits(database.db);
  if (added) console.log(`administrative units loaded: ${added}`);
  return database;
}

async function withDatabase(fn: (db: Database) => Promise<void>): Promise<void> {
  const database = await ready();
  try {
    await fn(database);
  } finally {
    await database.close();
  }
}

program
  .command('serve')
  .description('Start the web app and API (PORT, default 3000; BINHDANG_DATA or DATABASE_URL)')
  .option('--demo', 'load demo org units and users first (password demo12345)')
  .addOption(new Option('-p, --port <port>', 'port').env('PORT').default('3000'))
  .addOption(new Option('--host <host>', 'address to listen on').env('HOST').default('0.0.0.0'))
  .action(async (opts: { demo?: boolean; port: string; host: string }) => {
    const database = await ready();
    if (opts.demo && (await loadDemo(database.db))) {
      console.log(`demo data loaded; accounts: ${DEMO_USERS.map((u) => u.username).join(', ')} / ${DEMO_PASSWORD}`);
    }
    if (opts.demo) {
      const plans = await loadDemoPlans(database.db);
      if (plans) console.log(`demo plans imported: ${plans}`);
      const reports = await loadDemoReports(database.db);
      if (reports) console.log(`demo reports loaded: ${reports}`);
    }
    const app = await buildApp({ database, logger: true });
    const stop = async (): Promise<void> => {
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    await app.listen({ port: Number(opts.port), host: opts.host });
    console.log(`binhdang ${VERSION} on http://localhost:${opts.port} — ${describeDb()}`);
  });

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    await withDatabase(async () => {
      console.log(`database up to date (${describeDb()})`);
    });
  });

program
  .command('demo')
  .description('Load demo org units and users into the database')
  .option('--national', 'also load the synthetic national dataset (units, plans, five years of activities)')
  .addOption(new Option('--size <size>', 'national dataset size').choices([...NATIONAL_SIZES]).default('full'))
  .option('--seed <n>', 'national dataset seed (same seed, same data)', '1790')
  .action(async (opts: { national?: boolean; size: NationalSize; seed: string }) => {
    await withDatabase(async (database) => {
      const loaded = await loadDemo(database.db);
      console.log(loaded ? `demo data loaded; password ${DEMO_PASSWORD}` : 'demo data already present');
      const plans = await loadDemoPlans(database.db);
      if (plans) console.log(`demo plans imported: ${plans}`);
      const reports = await loadDemoReports(database.db);
      if (reports) console.log(`demo reports loaded: ${reports}`);
      if (!opts.national) return;
      if (await hasNational(database.db)) {
        console.log('national dataset already present');
        return;
      }
      const s = await loadNational(database, { size: opts.size, seed: Number(opts.seed) || 1790, log: console.log });
      console.log(
        `national dataset (${s.size}, seed ${s.seed}) loaded in ${(s.ms.total / 1000).toFixed(1)} s: ` +
          `${s.orgUnits} org units, ${s.activities} activities, ${s.campaignPlans} Action Month plans; checksum ${s.checksum.slice(0, 12)}`,
      );
    });
  });

const user = program.command('user').description('Manage users');
user
  .command('add')
  .description('Create a user (the first admin is made this way: no default password exists outside demo data)')
  .requiredOption('-u, --username <username>', 'login name, e.g. admin')
  .requiredOption('-o, --org <code>', 'org unit code, e.g. VN, 12, 03394')
  .requiredOption('-r, --roles <roles>', `comma-separated: ${ROLES.join(', ')}`)
  .option('-n, --name <name>', 'display name')
  .addOption(
    new Option('--password <password>', 'password (at least 8 characters)')
      .env('BINHDANG_PASSWORD')
      .makeOptionMandatory(),
  )
  .action(async (opts: { username: string; org: string; roles: string; name?: string; password: string }) => {
    const parsed = CreateUserBody.safeParse({
      username: opts.username,
      displayName: opts.name ?? opts.username,
      password: opts.password,
      orgUnit: opts.org,
      roles: opts.roles.split(',').map((r) => r.trim()),
    });
    if (!parsed.success) {
      for (const i of parsed.error.issues) console.error(`${i.path.join('.') || 'input'}: ${i.message}`);
      process.exitCode = 2;
      return;
    }
    await withDatabase(async (database) => {
      const created = await createUser(database.db, null, parsed.data);
      console.log(`user ${created.username} created at ${created.orgUnitName} (${created.roles.join(', ')})`);
    });
  });

async function readPlanText(file: string): Promise<string> {
  return extractText(path.basename(file), fs.readFileSync(file));
}

const plan = program.command('plan').description('Plans (Kế hoạch): parse and import plan texts');
plan
  .command('parse')
  .description('Parse a plan (.txt, .docx or text .pdf) and print what was understood; touches no database')
  .argument('<file>', 'plan file')
  .option('--json', 'print one JSON object (the contract in docs/plan-parse.md)')
  .action(async (file: string, opts: { json?: boolean }) => {
    const parsed = parsePlan(await readPlanText(file));
    const out = planToCliJson(parsed);
    if (opts.json) {
      process.stdout.write(JSON.stringify(out) + '\n');
      return;
    }
    console.log(`${out.issuer ?? '?'} — ${out.number ?? '?'} — ${out.date ?? '?'} — ${out.title ?? '?'}`);
    console.log(`parent documents: ${out.parent_documents.join(', ') || '—'}`);
    console.log(
      `targets: ${out.targets.length}, task groups: ${out.task_groups.length}, assignments: ${out.assignments.length}`,
    );
    for (const r of out.reporting) console.log(`report ${r.frequency} before ${r.deadline} to ${r.to ?? '?'}`);
    if (out.unparsed.length) console.log(`not understood: ${out.unparsed.length} paragraph(s)`);
  });
plan
  .command('import')
  .description('Parse a plan file and save it as a draft plan of the given org unit')
  .argument('<file>', 'plan file')
  .requiredOption('-o, --org <code>', 'issuing org unit code, e.g. 12 or 12-SNV')
  .action(async (file: string, opts: { org: string }) => {
    const text = await readPlanText(file);
    await withDatabase(async (database) => {
      const saved = await importPlanText(database.db, text, opts.org);
      console.log(
        `plan ${saved.id} saved for ${saved.orgUnitName}: ${saved.targets.length} targets, ${saved.taskGroups.length} task groups`,
      );
    });
  });

registerActivityCommands(program, withDatabase);

try {
  await program.parseAsync();
} catch (e) {
  if (e instanceof DataDirLockedError) {
    console.error(e.message);
    process.exit(3);
  }
  const err = e as { code?: string; message?: string; fields?: Record<string, string> };
  if (err.code && err.fields) {
    console.error(`${err.message ?? err.code}: ${JSON.stringify(err.fields)}`);
    process.exit(2);
  }
  throw e;
}
