/**
 * The one plan editor behind "new", "import" and "edit": header, legal bases, targets with
 * milestones, task groups, assignments, reporting rules, budget, recipients and signer. Rows
 * are memoised so typing in one re-renders only that row; server messages land under the input
 * whose path they name ("targets.0.milestones").
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Input,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCurrentLocation, IconLink, IconPlus, IconTrash } from '@tabler/icons-react';
import { COMPARATORS, PLAN_KINDS, REPORT_FREQUENCIES, RULE_KINDS, TARGET_FREQUENCIES } from '@binhdang/domain';
import { memo, useCallback, useMemo, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useBlocker } from '@tanstack/react-router';
import { isApiError } from '../api/client.ts';
import { ResponsiveModal } from '../ui/ResponsiveModal.tsx';
import {
  KNOWN_UNITS,
  emptyAssignment,
  emptyMilestone,
  emptyParentDocument,
  emptyReportingRule,
  emptyTarget,
  emptyTaskGroup,
  type AssignmentRow,
  type ParentDocRow,
  type ReportingRow,
  type TargetRow,
  type TaskGroupRow,
} from './form.ts';
import {
  AreaField,
  DateField,
  MultiField,
  NumField,
  SegmentField,
  SelectField,
  TextField,
  UnitField,
  useMessage,
} from './fields.tsx';
import type { PlanForm } from './usePlanForm.ts';
import classes from './plans.module.css';

type Errors = Record<string, string>;
type SetFn = PlanForm['set'];
type InsertFn = PlanForm['insert'];
type RemoveFn = PlanForm['remove'];

const OTHER_UNIT = '__other';

export interface PlanEditorProps {
  form: PlanForm;
  /** New plans pick their issuing unit; an existing plan shows it fixed. */
  orgUnitFixed?: { code: string; name: string } | null;
  /** The unit a new plan starts with, so the picker shows its name. */
  orgUnitInitial?: { code: string; name: string } | null;
  pending: boolean;
  /** The last failed save: its message shows above the form. */
  error: unknown;
  onSubmit: () => void;
  onCancel: () => void;
  /** Offered when the save failed because someone else changed the plan. */
  onReload?: () => void;
  /** The row linked to the original text ("targets.2"), outlined. */
  activeItem?: string | null;
  onFocusItem?: (id: string) => void;
  /** Shows the row's span in the original text. */
  onLocate?: (id: string) => void;
}

export function PlanEditor(props: PlanEditorProps) {
  const { t } = useTranslation();
  const { form, activeItem, onFocusItem, onLocate } = props;
  const { values: v, errors, set, insert, remove } = form;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.validate()) {
      scrollToFirstError();
      return;
    }
    props.onSubmit();
  };

  // Edits are not lost to a stray tap on the menu: leaving asks first (and so does closing the tab).
  const blocker = useBlocker({
    shouldBlockFn: () => form.hasUnsaved(),
    enableBeforeUnload: () => form.hasUnsaved(),
    withResolver: true,
  });

  const stale = isApiError(props.error) && props.error.code === 'stale_version';
  const errorCount = Object.keys(errors).length;
  const targetOptionsKey = v.targets.map((x) => `${x.number}\u0001${x.text.slice(0, 70)}`).join('\u0002');
  const targetOptions = useMemo(
    () =>
      targetOptionsKey
        ? targetOptionsKey.split('\u0002').map((s) => {
            const [n = '', text = ''] = s.split('\u0001');
            return { value: n, label: `${n}. ${text}${text.length >= 70 ? '…' : ''}` };
          })
        : [],
    [targetOptionsKey],
  );
  const nextTarget = Math.max(0, ...v.targets.map((x) => (x.number === '' ? 0 : x.number))) + 1;
  const nextGroup = Math.max(0, ...v.taskGroups.map((x) => (x.ordinal === '' ? 0 : x.ordinal))) + 1;

  return (
    <form onSubmit={submit} noValidate data-testid="plan-editor" className={classes.editor}>
      <Stack gap="md">
        {props.error != null && (
          <Alert color="red" variant="light" role="alert" title={errorTitle(props.error, t('error.generic'))}>
            {form.other.length > 0 && (
              <List size="sm">
                {form.other.map(([path, m]) => (
                  <List.Item key={path}>
                    {otherLabel(path, t)}: {m}
                  </List.Item>
                ))}
              </List>
            )}
            {stale && (
              <Stack gap={6}>
                <Text size="sm">{t('plans.stale')}</Text>
                {props.onReload && (
                  <Group>
                    <Button size="xs" variant="light" color="red" onClick={props.onReload}>
                      {t('plans.reload')}
                    </Button>
                  </Group>
                )}
              </Stack>
            )}
          </Alert>
        )}
        {props.error == null && errorCount > 0 && (
          <Alert color="red" variant="light" role="alert" title={t('plans.fixErrors')} />
        )}

        <HeaderSection
          orgUnit={v.orgUnit}
          orgUnitFixed={props.orgUnitFixed ? `${props.orgUnitFixed.name} (${props.orgUnitFixed.code})` : null}
          orgUnitInitialCode={props.orgUnitInitial?.code ?? null}
          orgUnitInitialName={props.orgUnitInitial?.name ?? null}
          title={v.title}
          kind={v.kind}
          number={v.number}
          issuedOn={v.issuedOn}
          place={v.place}
          periodFrom={v.periodFrom}
          periodTo={v.periodTo}
          issuerName={v.issuerName}
          supervisingBody={v.supervisingBody}
          errors={errors}
          set={set}
        />

        <BasesSection
          parentDocuments={v.parentDocuments}
          legalBases={v.legalBases}
          purposes={v.purposes}
          errors={errors}
          set={set}
          insert={insert}
          remove={remove}
        />

        <Section title={t('plans.sectionTargets')} id="plan-section-targets" count={v.targets.length}>
          <Stack gap="sm">
            {v.targets.map((row, i) => (
              <TargetCard
                key={row.key}
                row={row}
                index={i}
                errors={errors}
                active={activeItem === `targets.${i}`}
                set={set}
                insert={insert}
                remove={remove}
                onFocusItem={onFocusItem}
                onLocate={onLocate}
              />
            ))}
            <AddButton
              onClick={() =>
                insert('targets', emptyTarget(nextTarget, v.periodTo === '' ? new Date().getFullYear() : v.periodTo))
              }
            >
              {t('plans.addTarget')}
            </AddButton>
          </Stack>
        </Section>

        <Section title={t('plans.sectionTasks')} id="plan-section-tasks" count={v.taskGroups.length}>
          <Stack gap="sm">
            {v.taskGroups.map((row, i) => (
              <TaskGroupCard
                key={row.key}
                row={row}
                index={i}
                errors={errors}
                active={activeItem === `taskGroups.${i}`}
                set={set}
                insert={insert}
                remove={remove}
                onFocusItem={onFocusItem}
                onLocate={onLocate}
              />
            ))}
            <AddButton onClick={() => insert('taskGroups', emptyTaskGroup(nextGroup))}>{t('plans.addGroup')}</AddButton>
          </Stack>
        </Section>

        <Section title={t('plans.sectionAssignments')} id="plan-section-assignments" count={v.assignments.length}>
          <Stack gap="sm">
            {v.assignments.map((row, i) => (
              <AssignmentCard
                key={row.key}
                row={row}
                index={i}
                errors={errors}
                targetOptions={targetOptions}
                active={activeItem === `assignments.${i}`}
                set={set}
                remove={remove}
                onFocusItem={onFocusItem}
                onLocate={onLocate}
              />
            ))}
            <AddButton onClick={() => insert('assignments', emptyAssignment())}>{t('plans.addAssignment')}</AddButton>
          </Stack>
        </Section>

        <Section title={t('plans.sectionReporting')} id="plan-section-reporting" count={v.reportingRules.length}>
          <Stack gap="sm">
            {v.reportingRules.map((row, i) => (
              <ReportingCard
                key={row.key}
                row={row}
                index={i}
                errors={errors}
                active={activeItem === `reportingRules.${i}`}
                set={set}
                remove={remove}
                onFocusItem={onFocusItem}
                onLocate={onLocate}
              />
            ))}
            <AddButton onClick={() => insert('reportingRules', emptyReportingRule())}>
              {t('plans.addReportingRule')}
            </AddButton>
          </Stack>
        </Section>

        <BudgetSection
          budgetText={v.budgetText}
          budgetSources={v.budgetSources}
          errors={errors}
          set={set}
          insert={insert}
          remove={remove}
        />
        <ClosingSection
          recipients={v.recipients}
          signer={v.signer}
          errors={errors}
          set={set}
          insert={insert}
          remove={remove}
        />

        <ResponsiveModal
          opened={blocker.status === 'blocked'}
          onClose={() => blocker.reset?.()}
          title={t('plans.leaveTitle')}
        >
          <Stack gap="md">
            <Text size="sm">{t('plans.leaveText')}</Text>
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => blocker.reset?.()}>
                {t('plans.stay')}
              </Button>
              <Button color="red" onClick={() => blocker.proceed?.()}>
                {t('plans.leave')}
              </Button>
            </Group>
          </Stack>
        </ResponsiveModal>

        <Paper withBorder p="sm" className={classes.saveBar}>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onCancel}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" loading={props.pending}>
              {t('app.save')}
            </Button>
          </Group>
        </Paper>
      </Stack>
    </form>
  );
}

/** Fields the form has no input for, named for people rather than by their path. */
function otherLabel(path: string, t: TFunction): string {
  if (path === 'version') return t('org.version');
  if (path === 'parentPlanId') return t('plans.implements');
  if (path.startsWith('parentDocuments')) return t('plans.parentDocuments');
  return path;
}

function errorTitle(error: unknown, fallback: string): string {
  return error instanceof Error ? error.message : fallback;
}

/** After a refused save, bring the first marked input into view (or the message above the form). */
export function scrollToFirstError(): void {
  // Wait for the messages to render before looking for them.
  window.setTimeout(() => {
    const editor = document.querySelector<HTMLElement>('[data-testid="plan-editor"]');
    const el =
      editor?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      editor?.querySelector<HTMLElement>('[role="alert"]');
    if (!el) return;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    if (el.matches('input, textarea')) el.focus({ preventScroll: true });
  }, 50);
}

function Section(props: { title: string; id: string; count?: number; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={`${props.id}-title`}>
      <Group gap="xs" mb="sm">
        <Title order={2} size="h4" id={`${props.id}-title`}>
          {props.title}
        </Title>
        {props.count !== undefined && (
          <Badge variant="light" color="gray" size="sm">
            {props.count}
          </Badge>
        )}
      </Group>
      {props.children}
    </Paper>
  );
}

function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Group>
      <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={onClick}>
        {children}
      </Button>
    </Group>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color="red" aria-label={label} onClick={onClick}>
        <IconTrash size={16} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}

const BasesSection = memo(function BasesSection(p: {
  parentDocuments: ParentDocRow[];
  legalBases: string[];
  purposes: string;
  errors: Errors;
  set: SetFn;
  insert: InsertFn;
  remove: RemoveFn;
}) {
  const { t } = useTranslation();
  const { errors, set, insert, remove } = p;
  const baseLabel = useCallback((i: number) => `${t('plans.legalBase')} ${i + 1}`, [t]);
  return (
    <Section title={t('plans.sectionBases')} id="plan-section-bases">
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          {t('plans.parentDocuments')}
        </Text>
        {p.parentDocuments.map((d, i) => (
          <ParentDocCard key={d.key} row={d} index={i} errors={errors} set={set} remove={remove} />
        ))}
        <AddButton onClick={() => insert('parentDocuments', emptyParentDocument())}>
          {t('plans.addParentDocument')}
        </AddButton>
        <StringList
          label={t('plans.legalBases')}
          path="legalBases"
          items={p.legalBases}
          itemLabel={baseLabel}
          addLabel={t('plans.addLegalBase')}
          errors={errors}
          set={set}
          insert={insert}
          remove={remove}
          multiline
        />
        <AreaField
          label={t('plans.purposes')}
          path="purposes"
          value={p.purposes}
          minRows={3}
          maxRows={14}
          error={errors.purposes}
          set={set}
        />
      </Stack>
    </Section>
  );
});

const BudgetSection = memo(function BudgetSection(p: {
  budgetText: string;
  budgetSources: string[];
  errors: Errors;
  set: SetFn;
  insert: InsertFn;
  remove: RemoveFn;
}) {
  const { t } = useTranslation();
  const sourceLabel = useCallback((i: number) => `${t('plans.budgetSource')} ${i + 1}`, [t]);
  return (
    <Section title={t('plans.sectionBudget')} id="plan-section-budget">
      <Stack gap="sm">
        <AreaField
          label={t('plans.budgetText')}
          path="budgetText"
          value={p.budgetText}
          maxRows={10}
          error={p.errors.budgetText}
          set={p.set}
        />
        <StringList
          label={t('plans.budgetSources')}
          path="budgetSources"
          items={p.budgetSources}
          itemLabel={sourceLabel}
          addLabel={t('plans.addBudgetSource')}
          errors={p.errors}
          set={p.set}
          insert={p.insert}
          remove={p.remove}
        />
      </Stack>
    </Section>
  );
});

const ClosingSection = memo(function ClosingSection(p: {
  recipients: string[];
  signer: { authority: string; title: string; name: string };
  errors: Errors;
  set: SetFn;
  insert: InsertFn;
  remove: RemoveFn;
}) {
  const { t } = useTranslation();
  const { errors, set } = p;
  const recipientLabel = useCallback((i: number) => `${t('plans.recipient')} ${i + 1}`, [t]);
  return (
    <Section title={t('plans.sectionClosing')} id="plan-section-closing">
      <Stack gap="sm">
        <StringList
          label={t('plans.recipients')}
          path="recipients"
          items={p.recipients}
          itemLabel={recipientLabel}
          addLabel={t('plans.addRecipient')}
          errors={errors}
          set={set}
          insert={p.insert}
          remove={p.remove}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextField
            label={t('plans.signerAuthority')}
            path="signer.authority"
            value={p.signer.authority}
            error={errors['signer.authority']}
            set={set}
          />
          <TextField
            label={t('plans.signerTitle')}
            path="signer.title"
            value={p.signer.title}
            error={errors['signer.title']}
            set={set}
          />
          <TextField
            label={t('plans.signerName')}
            path="signer.name"
            value={p.signer.name}
            error={errors['signer.name']}
            set={set}
          />
        </SimpleGrid>
      </Stack>
    </Section>
  );
});

interface HeaderProps {
  orgUnit: string | null;
  /** "Name (code)" of an existing plan's unit, shown fixed. */
  orgUnitFixed: string | null;
  orgUnitInitialCode: string | null;
  orgUnitInitialName: string | null;
  title: string;
  kind: string;
  number: string;
  issuedOn: string | null;
  place: string;
  periodFrom: number | '';
  periodTo: number | '';
  issuerName: string;
  supervisingBody: string;
  errors: Errors;
  set: SetFn;
}

const HeaderSection = memo(function HeaderSection(p: HeaderProps) {
  const { t } = useTranslation();
  const { errors, set } = p;
  const kinds = useMemo(() => PLAN_KINDS.map((k) => ({ value: k, label: t(`plans.kinds.${k}`) })), [t]);
  return (
    <Section title={t('plans.sectionHeader')} id="plan-section-header">
      <Stack gap="sm">
        {p.orgUnitFixed ? (
          <TextInput
            label={t('plans.orgUnit')}
            description={t('plans.orgUnitFixed')}
            value={p.orgUnitFixed}
            readOnly
            disabled
          />
        ) : (
          <UnitField
            label={t('plans.orgUnit')}
            required
            path="orgUnit"
            value={p.orgUnit}
            initialCode={p.orgUnitInitialCode}
            initialName={p.orgUnitInitialName}
            error={errors.orgUnit}
            set={set}
            testId="plan-org-unit"
          />
        )}
        <AreaField
          label={t('plans.titleField')}
          required
          path="title"
          value={p.title}
          minRows={1}
          maxRows={4}
          error={errors.title}
          set={set}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <SelectField label={t('plans.kind')} path="kind" value={p.kind} data={kinds} error={errors.kind} set={set} />
          <TextField
            label={t('plans.numberField')}
            placeholder={t('plans.numberPlaceholder')}
            path="number"
            value={p.number}
            error={errors.number}
            set={set}
          />
          <DateField label={t('plans.issuedOn')} path="issuedOn" value={p.issuedOn} error={errors.issuedOn} set={set} />
          <TextField label={t('plans.place')} path="place" value={p.place} error={errors.place} set={set} />
          <NumField
            label={t('plans.periodFrom')}
            path="periodFrom"
            value={p.periodFrom}
            min={1990}
            max={2100}
            integer
            error={errors.periodFrom}
            set={set}
          />
          <NumField
            label={t('plans.periodTo')}
            path="periodTo"
            value={p.periodTo}
            min={1990}
            max={2100}
            integer
            error={errors.periodTo}
            set={set}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextField
            label={t('plans.issuerName')}
            path="issuerName"
            value={p.issuerName}
            error={errors.issuerName}
            set={set}
          />
          <TextField
            label={t('plans.supervisingBody')}
            path="supervisingBody"
            value={p.supervisingBody}
            error={errors.supervisingBody}
            set={set}
          />
        </SimpleGrid>
      </Stack>
    </Section>
  );
});

interface RowProps<T> {
  row: T;
  index: number;
  errors: Errors;
  set: SetFn;
  remove: RemoveFn;
}

interface LinkedRowProps<T> extends RowProps<T> {
  active: boolean;
  onFocusItem: ((id: string) => void) | undefined;
  onLocate: ((id: string) => void) | undefined;
}

/** A row of the form that may point into the original text. */
function ItemCard(props: {
  id: string;
  kind: 'targets' | 'taskGroups' | 'assignments' | 'reportingRules';
  title: ReactNode;
  active: boolean;
  hasSpan: boolean;
  removeLabel: string;
  onRemove: () => void;
  onFocusItem: ((id: string) => void) | undefined;
  onLocate: ((id: string) => void) | undefined;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { id, onFocusItem, onLocate } = props;
  return (
    <Box
      id={`plan-item-${id.replace('.', '-')}`}
      className={classes.item}
      data-kind={props.kind}
      data-active={props.active || undefined}
      data-testid={props.testId}
      onFocusCapture={onFocusItem ? () => onFocusItem(id) : undefined}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs" mb="xs">
        <Text fw={700} size="sm" miw={0}>
          {props.title}
        </Text>
        <Group gap={2} wrap="nowrap">
          {onLocate && props.hasSpan && (
            <Tooltip label={t('plans.locate')}>
              <ActionIcon variant="subtle" aria-label={t('plans.locate')} onClick={() => onLocate(id)}>
                <IconCurrentLocation size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
          )}
          <RemoveButton label={props.removeLabel} onClick={props.onRemove} />
        </Group>
      </Group>
      {props.children}
    </Box>
  );
}

/** Choice lists in the user's language, built once per language. */
function useOptions() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      units: [
        ...KNOWN_UNITS.map((u) => ({ value: u, label: t(`plans.units.${u}`) })),
        { value: OTHER_UNIT, label: t('plans.units.other') },
      ],
      comparators: COMPARATORS.map((c) => ({ value: c, label: t(`plans.comparators.${c}`) })),
      frequencies: TARGET_FREQUENCIES.map((f) => ({ value: f, label: t(`plans.frequencies.${f}`) })),
      ruleKinds: RULE_KINDS.map((r) => ({ value: r, label: t(`plans.ruleKinds.${r}`) })),
      reportFrequencies: REPORT_FREQUENCIES.map((f) => ({ value: f, label: t(`plans.reportFrequencyOptions.${f}`) })),
      roles: [
        { value: 'lead', label: t('plans.roles.lead') },
        { value: 'coordinate', label: t('plans.roles.coordinate') },
      ],
    }),
    [t],
  );
}

/** "Khác…" in the unit list stands for a free snake_case unit typed below it. */
const unitChoice = (choice: string | null): string => (choice === OTHER_UNIT ? '' : (choice ?? ''));

const TargetCard = memo(function TargetCard(p: LinkedRowProps<TargetRow> & { insert: InsertFn }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const o = useOptions();
  const { row, index: i, errors, set } = p;
  const base = `targets.${i}`;
  const known = (KNOWN_UNITS as readonly string[]).includes(row.unit);
  const range = row.comparator === 'range';
  const percent = row.unit === 'percent';
  return (
    <ItemCard
      id={base}
      kind="targets"
      testId="target-item"
      title={t('plans.targetNo', { number: row.number === '' ? '?' : row.number })}
      active={p.active}
      hasSpan={row.span !== null}
      removeLabel={t('plans.removeTarget', { number: row.number })}
      onRemove={() => p.remove('targets', i)}
      onFocusItem={p.onFocusItem}
      onLocate={p.onLocate}
    >
      <Stack gap="xs">
        {row.parentTargetId && (
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconLink size={14} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
            <Text size="xs" c="dimmed" data-testid="target-parent-link">
              {t('plans.linkedTo', { text: row.parentTargetText ?? '…' })}
            </Text>
          </Group>
        )}
        {errors[`${base}.parentTargetId`] && (
          <Text size="xs" c="red">
            {msg(errors[`${base}.parentTargetId`])}
          </Text>
        )}
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <NumField
            label={t('plans.targetNumber')}
            required
            width={72}
            min={1}
            max={999}
            integer
            path={`${base}.number`}
            value={row.number}
            error={errors[`${base}.number`]}
            set={set}
          />
          <AreaField
            label={t('plans.targetText')}
            required
            grow
            path={`${base}.text`}
            value={row.text}
            error={errors[`${base}.text`]}
            set={set}
          />
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <SelectField
            label={t('plans.targetUnit')}
            path={`${base}.unit`}
            value={known ? row.unit : OTHER_UNIT}
            data={o.units}
            map={unitChoice}
            error={known ? errors[`${base}.unit`] : undefined}
            set={set}
          />
          <SelectField
            label={t('plans.comparator')}
            path={`${base}.comparator`}
            value={row.comparator}
            data={o.comparators}
            error={errors[`${base}.comparator`]}
            set={set}
          />
          <SelectField
            label={t('plans.frequency')}
            path={`${base}.frequency`}
            value={row.frequency}
            data={o.frequencies}
            error={errors[`${base}.frequency`]}
            set={set}
          />
          <SelectField
            label={t('plans.ruleKind')}
            placeholder={t('plans.noRuleKind')}
            path={`${base}.ruleKind`}
            value={row.ruleKind}
            data={o.ruleKinds}
            clearable
            error={errors[`${base}.ruleKind`]}
            set={set}
          />
        </SimpleGrid>
        {!known && (
          <TextField
            label={t('plans.customUnit')}
            placeholder="vd: mo_hinh"
            code
            path={`${base}.unit`}
            value={row.unit}
            error={errors[`${base}.unit`]}
            set={set}
          />
        )}
        <Input.Wrapper label={t('plans.milestones')} error={msg(errors[`${base}.milestones`])}>
          <Stack gap={6} mt={4} data-testid="milestones">
            {row.milestones.map((m, j) => {
              const mp = `${base}.milestones.${j}`;
              return (
                <Group key={m.key} gap={6} align="flex-start" wrap="nowrap" data-testid="milestone-row">
                  <NumField
                    aria-label={`${t('plans.milestoneYear')} ${j + 1}`}
                    placeholder={t('plans.milestoneYear')}
                    size="xs"
                    grow
                    min={1990}
                    max={2100}
                    integer
                    path={`${mp}.year`}
                    value={m.year}
                    error={errors[`${mp}.year`]}
                    set={set}
                  />
                  <NumField
                    aria-label={`${t('plans.milestoneValue')} ${j + 1}`}
                    placeholder={t('plans.milestoneValue')}
                    size="xs"
                    grow
                    min={0}
                    percent={percent}
                    path={`${mp}.value`}
                    value={m.value}
                    error={errors[`${mp}.value`]}
                    set={set}
                  />
                  {range && (
                    <NumField
                      aria-label={`${t('plans.milestoneValueMax')} ${j + 1}`}
                      placeholder={t('plans.milestoneValueMax')}
                      size="xs"
                      grow
                      min={0}
                      percent={percent}
                      path={`${mp}.valueMax`}
                      value={m.valueMax}
                      error={errors[`${mp}.valueMax`]}
                      set={set}
                    />
                  )}
                  <RemoveButton
                    label={`${t('plans.remove')} ${t('plans.milestones').toLocaleLowerCase()} ${j + 1}`}
                    onClick={() => p.remove(`${base}.milestones`, j)}
                  />
                </Group>
              );
            })}
            <AddButton
              onClick={() => p.insert(`${base}.milestones`, emptyMilestone(row.milestones.at(-1)?.year ?? ''))}
            >
              {t('plans.addMilestone')}
            </AddButton>
          </Stack>
        </Input.Wrapper>
      </Stack>
    </ItemCard>
  );
});

const TaskGroupCard = memo(function TaskGroupCard(p: LinkedRowProps<TaskGroupRow> & { insert: InsertFn }) {
  const { t } = useTranslation();
  const { row, index: i, errors, set } = p;
  const base = `taskGroups.${i}`;
  const subtaskLabel = useCallback((k: number) => t('plans.subtask', { n: k + 1 }), [t]);
  return (
    <ItemCard
      id={base}
      kind="taskGroups"
      testId="task-group-item"
      title={`${row.ordinal === '' ? '?' : row.ordinal}. ${row.heading || t('plans.groupHeading')}`}
      active={p.active}
      hasSpan={row.span !== null}
      removeLabel={t('plans.removeGroup', { n: row.ordinal })}
      onRemove={() => p.remove('taskGroups', i)}
      onFocusItem={p.onFocusItem}
      onLocate={p.onLocate}
    >
      <Stack gap="xs">
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <NumField
            label={t('plans.groupOrdinal')}
            width={72}
            min={1}
            max={999}
            integer
            path={`${base}.ordinal`}
            value={row.ordinal}
            error={errors[`${base}.ordinal`]}
            set={set}
          />
          <AreaField
            label={t('plans.groupHeading')}
            required
            grow
            minRows={1}
            maxRows={4}
            path={`${base}.heading`}
            value={row.heading}
            error={errors[`${base}.heading`]}
            set={set}
          />
        </Group>
        <AreaField
          label={t('plans.groupMethod')}
          minRows={1}
          path={`${base}.method`}
          value={row.method}
          error={errors[`${base}.method`]}
          set={set}
        />
        <StringList
          label={t('plans.subtasks')}
          path={`${base}.subtasks`}
          items={row.subtasks}
          itemLabel={subtaskLabel}
          addLabel={t('plans.addSubtask')}
          errors={errors}
          set={set}
          insert={p.insert}
          remove={p.remove}
          multiline
        />
      </Stack>
    </ItemCard>
  );
});

const AssignmentCard = memo(function AssignmentCard(
  p: LinkedRowProps<AssignmentRow> & { targetOptions: { value: string; label: string }[] },
) {
  const { t } = useTranslation();
  const msg = useMessage();
  const o = useOptions();
  const { row, index: i, errors, set } = p;
  const base = `assignments.${i}`;
  // Numbers the plan no longer has stay visible (and flagged) instead of vanishing silently.
  const options = useMemo(() => {
    const missing = row.targetNumbers
      .filter((n) => !p.targetOptions.some((x) => x.value === n))
      .map((n) => ({ value: n, label: t('plans.unknownTarget', { n }) }));
    return missing.length ? [...p.targetOptions, ...missing] : p.targetOptions;
  }, [p.targetOptions, row.targetNumbers, t]);
  return (
    <ItemCard
      id={base}
      kind="assignments"
      testId="assignment-item"
      title={`${i + 1}. ${row.orgName || t('plans.orgName')}`}
      active={p.active}
      hasSpan={row.span !== null}
      removeLabel={t('plans.removeAssignment', { n: i + 1 })}
      onRemove={() => p.remove('assignments', i)}
      onFocusItem={p.onFocusItem}
      onLocate={p.onLocate}
    >
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextField
            label={t('plans.orgName')}
            required
            path={`${base}.orgName`}
            value={row.orgName}
            error={errors[`${base}.orgName`]}
            set={set}
          />
          <UnitField
            label={t('plans.assignmentUnit')}
            path={`${base}.orgUnit`}
            value={row.orgUnit}
            initialCode={row.orgUnit}
            initialName={row.orgUnitName ?? row.orgName}
            error={errors[`${base}.orgUnit`]}
            set={set}
          />
        </SimpleGrid>
        <Input.Wrapper label={t('plans.role')} error={msg(errors[`${base}.role`])}>
          <SegmentField label={t('plans.role')} path={`${base}.role`} value={row.role} data={o.roles} set={set} />
        </Input.Wrapper>
        <AreaField
          label={t('plans.duties')}
          path={`${base}.duties`}
          value={row.duties}
          error={errors[`${base}.duties`]}
          set={set}
        />
        <MultiField
          label={t('plans.targetNumbers')}
          path={`${base}.targetNumbers`}
          value={row.targetNumbers}
          data={options}
          error={errors[`${base}.targetNumbers`]}
          set={set}
          testId="assignment-targets"
        />
      </Stack>
    </ItemCard>
  );
});

const ReportingCard = memo(function ReportingCard(p: LinkedRowProps<ReportingRow>) {
  const { t } = useTranslation();
  const o = useOptions();
  const { row, index: i, errors, set } = p;
  const base = `reportingRules.${i}`;
  return (
    <ItemCard
      id={base}
      kind="reportingRules"
      testId="reporting-item"
      title={`${t('plans.reporting')} ${i + 1}`}
      active={p.active}
      hasSpan={row.span !== null}
      removeLabel={t('plans.removeReportingRule', { n: i + 1 })}
      onRemove={() => p.remove('reportingRules', i)}
      onFocusItem={p.onFocusItem}
      onLocate={p.onLocate}
    >
      <Stack gap="xs">
        <SimpleGrid cols={2} spacing="xs">
          <SelectField
            label={t('plans.reportFrequency')}
            path={`${base}.frequency`}
            value={row.frequency}
            data={o.reportFrequencies}
            error={errors[`${base}.frequency`]}
            set={set}
          />
          <TextField
            label={t('plans.deadline')}
            required
            placeholder="01/12"
            maxLength={5}
            numeric
            path={`${base}.deadline`}
            value={row.deadline}
            error={errors[`${base}.deadline`]}
            set={set}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextField
            label={t('plans.recipientName')}
            path={`${base}.recipientName`}
            value={row.recipientName}
            error={errors[`${base}.recipientName`]}
            set={set}
          />
          <UnitField
            label={t('plans.recipientUnit')}
            path={`${base}.recipientOrgUnit`}
            value={row.recipientOrgUnit}
            initialCode={row.recipientOrgUnit}
            initialName={row.recipientName || row.recipientOrgUnit}
            error={errors[`${base}.recipientOrgUnit`]}
            set={set}
          />
        </SimpleGrid>
      </Stack>
    </ItemCard>
  );
});

const ParentDocCard = memo(function ParentDocCard(p: RowProps<ParentDocRow>) {
  const { t } = useTranslation();
  const { row, index: i, errors, set } = p;
  const base = `parentDocuments.${i}`;
  return (
    <Box className={classes.item} data-testid="parent-document-item">
      <Stack gap="xs">
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <TextField
            label={t('plans.docNumber')}
            grow
            path={`${base}.number`}
            value={row.number}
            error={errors[`${base}.number`]}
            set={set}
          />
          <DateField
            label={t('plans.docDate')}
            width={140}
            path={`${base}.date`}
            value={row.date}
            error={errors[`${base}.date`]}
            set={set}
          />
          <Box pt={24}>
            <RemoveButton label={`${t('plans.remove')} ${row.number}`} onClick={() => p.remove('parentDocuments', i)} />
          </Box>
        </Group>
        <AreaField
          label={t('plans.docText')}
          minRows={1}
          maxRows={4}
          path={`${base}.text`}
          value={row.text}
          error={errors[`${base}.text`]}
          set={set}
        />
        {row.planId && (
          <Badge variant="light" color="teal" leftSection={<IconLink size={12} aria-hidden />}>
            {t('plans.inSystem')}
          </Badge>
        )}
      </Stack>
    </Box>
  );
});

/** A list of short texts (bases, sources, recipients, sub-tasks), one input each. */
const StringList = memo(function StringList(p: {
  label: string;
  path: string;
  items: string[];
  /** Must keep its identity between renders (useCallback). */
  itemLabel: (i: number) => string;
  addLabel: string;
  errors: Errors;
  set: SetFn;
  insert: InsertFn;
  remove: RemoveFn;
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  const msg = useMessage();
  return (
    <Input.Wrapper label={p.label} error={msg(p.errors[p.path])}>
      <Stack gap={6} mt={4}>
        {p.items.map((item, i) => {
          const path = `${p.path}.${i}`;
          return (
            // Index keys: the inputs are controlled, so a removal re-labels rather than misplaces text.
            <Group key={i} gap={6} wrap="nowrap" align="flex-start">
              {p.multiline ? (
                <AreaField
                  aria-label={p.itemLabel(i)}
                  size="sm"
                  grow
                  minRows={1}
                  maxRows={10}
                  path={path}
                  value={item}
                  error={p.errors[path]}
                  set={p.set}
                />
              ) : (
                <TextField
                  aria-label={p.itemLabel(i)}
                  size="sm"
                  grow
                  path={path}
                  value={item}
                  error={p.errors[path]}
                  set={p.set}
                />
              )}
              <RemoveButton label={`${t('plans.remove')}: ${p.itemLabel(i)}`} onClick={() => p.remove(p.path, i)} />
            </Group>
          );
        })}
        <AddButton onClick={() => p.insert(p.path, '')}>{p.addLabel}</AddButton>
      </Stack>
    </Input.Wrapper>
  );
});
