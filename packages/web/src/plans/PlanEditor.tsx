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
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconCurrentLocation, IconLink, IconPlus, IconTrash } from '@tabler/icons-react';
import { COMPARATORS, PLAN_KINDS, REPORT_FREQUENCIES, RULE_KINDS, TARGET_FREQUENCIES } from '@binhdang/domain';
import { memo, useMemo, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isApiError } from '../api/client.ts';
import { OrgUnitPicker } from '../org/OrgUnitPicker.tsx';
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
import type { PlanForm } from './usePlanForm.ts';
import classes from './plans.module.css';

type Errors = Record<string, string>;
type SetFn = PlanForm['set'];
type InsertFn = PlanForm['insert'];
type RemoveFn = PlanForm['remove'];

const DATE_FORMAT = 'DD/MM/YYYY';
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

/** Messages are either the server's text or one of our i18n keys. */
function useMessage() {
  const { t } = useTranslation();
  return (m: string | undefined): string | undefined =>
    m === undefined ? undefined : m.startsWith('plans.') ? t(m as 'plans.required') : m;
}

export function PlanEditor(props: PlanEditorProps) {
  const { t } = useTranslation();
  const { form, activeItem, onFocusItem, onLocate } = props;
  const { values: v, errors, set, insert, remove } = form;
  const msg = useMessage();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.validate()) {
      scrollToFirstError();
      return;
    }
    props.onSubmit();
  };

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
          orgUnitFixed={props.orgUnitFixed ?? null}
          orgUnitInitial={props.orgUnitInitial ?? null}
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

        <Section title={t('plans.sectionBases')} id="plan-section-bases">
          <Stack gap="sm">
            <Text size="sm" fw={600}>
              {t('plans.parentDocuments')}
            </Text>
            {v.parentDocuments.map((d, i) => (
              <ParentDocCard key={d.key} row={d} index={i} errors={errors} set={set} remove={remove} />
            ))}
            <AddButton onClick={() => insert('parentDocuments', emptyParentDocument())}>
              {t('plans.addParentDocument')}
            </AddButton>
            <StringList
              label={t('plans.legalBases')}
              path="legalBases"
              items={v.legalBases}
              itemLabel={(i) => `${t('plans.legalBase')} ${i + 1}`}
              addLabel={t('plans.addLegalBase')}
              errors={errors}
              set={set}
              insert={insert}
              remove={remove}
              multiline
            />
            <Textarea
              label={t('plans.purposes')}
              autosize
              minRows={3}
              maxRows={14}
              value={v.purposes}
              onChange={(e) => set('purposes', e.currentTarget.value)}
              error={msg(errors.purposes)}
            />
          </Stack>
        </Section>

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

        <Section title={t('plans.sectionBudget')} id="plan-section-budget">
          <Stack gap="sm">
            <Textarea
              label={t('plans.budgetText')}
              autosize
              minRows={2}
              maxRows={10}
              value={v.budgetText}
              onChange={(e) => set('budgetText', e.currentTarget.value)}
              error={msg(errors.budgetText)}
            />
            <StringList
              label={t('plans.budgetSources')}
              path="budgetSources"
              items={v.budgetSources}
              itemLabel={(i) => `${t('plans.budgetSource')} ${i + 1}`}
              addLabel={t('plans.addBudgetSource')}
              errors={errors}
              set={set}
              insert={insert}
              remove={remove}
            />
          </Stack>
        </Section>

        <Section title={t('plans.sectionClosing')} id="plan-section-closing">
          <Stack gap="sm">
            <StringList
              label={t('plans.recipients')}
              path="recipients"
              items={v.recipients}
              itemLabel={(i) => `${t('plans.recipient')} ${i + 1}`}
              addLabel={t('plans.addRecipient')}
              errors={errors}
              set={set}
              insert={insert}
              remove={remove}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                label={t('plans.signerAuthority')}
                value={v.signer.authority}
                onChange={(e) => set('signer.authority', e.currentTarget.value)}
                error={msg(errors['signer.authority'])}
              />
              <TextInput
                label={t('plans.signerTitle')}
                value={v.signer.title}
                onChange={(e) => set('signer.title', e.currentTarget.value)}
                error={msg(errors['signer.title'])}
              />
              <TextInput
                label={t('plans.signerName')}
                value={v.signer.name}
                onChange={(e) => set('signer.name', e.currentTarget.value)}
                error={msg(errors['signer.name'])}
              />
            </SimpleGrid>
          </Stack>
        </Section>

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

interface HeaderProps {
  orgUnit: string | null;
  orgUnitFixed: { code: string; name: string } | null;
  orgUnitInitial: { code: string; name: string } | null;
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
  const msg = useMessage();
  const { errors, set } = p;
  const kinds = PLAN_KINDS.map((k) => ({ value: k, label: t(`plans.kinds.${k}`) }));
  return (
    <Section title={t('plans.sectionHeader')} id="plan-section-header">
      <Stack gap="sm">
        {p.orgUnitFixed ? (
          <TextInput
            label={t('plans.orgUnit')}
            description={t('plans.orgUnitFixed')}
            value={`${p.orgUnitFixed.name} (${p.orgUnitFixed.code})`}
            readOnly
            disabled
          />
        ) : (
          <OrgUnitPicker
            label={t('plans.orgUnit')}
            required
            value={p.orgUnit}
            initial={p.orgUnitInitial}
            onChange={(code) => set('orgUnit', code)}
            error={msg(errors.orgUnit)}
            data-testid="plan-org-unit"
          />
        )}
        <Textarea
          label={t('plans.titleField')}
          required
          autosize
          minRows={1}
          maxRows={4}
          value={p.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={msg(errors.title)}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t('plans.kind')}
            data={kinds}
            value={p.kind}
            allowDeselect={false}
            onChange={(k) => k && set('kind', k)}
            error={msg(errors.kind)}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label={t('plans.numberField')}
            placeholder={t('plans.numberPlaceholder')}
            value={p.number}
            onChange={(e) => set('number', e.currentTarget.value)}
            error={msg(errors.number)}
          />
          <DateInput
            label={t('plans.issuedOn')}
            valueFormat={DATE_FORMAT}
            placeholder="dd/mm/yyyy"
            clearable
            value={p.issuedOn}
            onChange={(d) => set('issuedOn', d)}
            error={msg(errors.issuedOn)}
          />
          <TextInput
            label={t('plans.place')}
            value={p.place}
            onChange={(e) => set('place', e.currentTarget.value)}
            error={msg(errors.place)}
          />
          <NumberInput
            label={t('plans.periodFrom')}
            value={p.periodFrom}
            onChange={(n) => set('periodFrom', toNum(n))}
            min={1990}
            max={2100}
            allowDecimal={false}
            hideControls
            error={msg(errors.periodFrom)}
          />
          <NumberInput
            label={t('plans.periodTo')}
            value={p.periodTo}
            onChange={(n) => set('periodTo', toNum(n))}
            min={1990}
            max={2100}
            allowDecimal={false}
            hideControls
            error={msg(errors.periodTo)}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('plans.issuerName')}
            value={p.issuerName}
            onChange={(e) => set('issuerName', e.currentTarget.value)}
            error={msg(errors.issuerName)}
          />
          <TextInput
            label={t('plans.supervisingBody')}
            value={p.supervisingBody}
            onChange={(e) => set('supervisingBody', e.currentTarget.value)}
            error={msg(errors.supervisingBody)}
          />
        </SimpleGrid>
      </Stack>
    </Section>
  );
});

function toNum(n: string | number): number | '' {
  return typeof n === 'number' && Number.isFinite(n) ? n : '';
}

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

const TargetCard = memo(function TargetCard(p: LinkedRowProps<TargetRow> & { insert: InsertFn }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const { row, index: i, errors, set } = p;
  const base = `targets.${i}`;
  const known = (KNOWN_UNITS as readonly string[]).includes(row.unit);
  const unitOptions = [
    ...KNOWN_UNITS.map((u) => ({ value: u, label: t(`plans.units.${u}`) })),
    { value: OTHER_UNIT, label: t('plans.units.other') },
  ];
  const range = row.comparator === 'range';
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
          <NumberInput
            label={t('plans.targetNumber')}
            w={72}
            required
            min={1}
            max={999}
            allowDecimal={false}
            hideControls
            value={row.number}
            onChange={(n) => set(`${base}.number`, toNum(n))}
            error={msg(errors[`${base}.number`])}
          />
          <Textarea
            label={t('plans.targetText')}
            required
            autosize
            minRows={2}
            maxRows={8}
            style={{ flex: 1 }}
            value={row.text}
            onChange={(e) => set(`${base}.text`, e.currentTarget.value)}
            error={msg(errors[`${base}.text`])}
          />
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <Select
            label={t('plans.targetUnit')}
            data={unitOptions}
            value={known ? row.unit : OTHER_UNIT}
            allowDeselect={false}
            onChange={(u) => u && set(`${base}.unit`, u === OTHER_UNIT ? '' : u)}
            comboboxProps={{ withinPortal: true }}
            error={known ? msg(errors[`${base}.unit`]) : undefined}
          />
          <Select
            label={t('plans.comparator')}
            data={COMPARATORS.map((c) => ({ value: c, label: t(`plans.comparators.${c}`) }))}
            value={row.comparator}
            allowDeselect={false}
            onChange={(c) => c && set(`${base}.comparator`, c)}
            comboboxProps={{ withinPortal: true }}
            error={msg(errors[`${base}.comparator`])}
          />
          <Select
            label={t('plans.frequency')}
            data={TARGET_FREQUENCIES.map((f) => ({ value: f, label: t(`plans.frequencies.${f}`) }))}
            value={row.frequency}
            allowDeselect={false}
            onChange={(f) => f && set(`${base}.frequency`, f)}
            comboboxProps={{ withinPortal: true }}
            error={msg(errors[`${base}.frequency`])}
          />
          <Select
            label={t('plans.ruleKind')}
            placeholder={t('plans.noRuleKind')}
            data={RULE_KINDS.map((r) => ({ value: r, label: t(`plans.ruleKinds.${r}`) }))}
            value={row.ruleKind}
            clearable
            onChange={(r) => set(`${base}.ruleKind`, r)}
            comboboxProps={{ withinPortal: true }}
            error={msg(errors[`${base}.ruleKind`])}
          />
        </SimpleGrid>
        {!known && (
          <TextInput
            label={t('plans.customUnit')}
            placeholder="vd: mo_hinh"
            value={row.unit}
            onChange={(e) => set(`${base}.unit`, e.currentTarget.value)}
            error={msg(errors[`${base}.unit`])}
            autoCapitalize="none"
            spellCheck={false}
          />
        )}
        <Input.Wrapper label={t('plans.milestones')} error={msg(errors[`${base}.milestones`])}>
          <Stack gap={6} mt={4} data-testid="milestones">
            {row.milestones.map((m, j) => {
              const mp = `${base}.milestones.${j}`;
              return (
                <Group key={m.key} gap={6} align="flex-start" wrap="nowrap" data-testid="milestone-row">
                  <NumberInput
                    aria-label={`${t('plans.milestoneYear')} ${j + 1}`}
                    placeholder={t('plans.milestoneYear')}
                    size="xs"
                    style={{ flex: 1 }}
                    min={1990}
                    max={2100}
                    allowDecimal={false}
                    hideControls
                    value={m.year}
                    onChange={(n) => set(`${mp}.year`, toNum(n))}
                    error={msg(errors[`${mp}.year`])}
                  />
                  <NumberInput
                    aria-label={`${t('plans.milestoneValue')} ${j + 1}`}
                    placeholder={t('plans.milestoneValue')}
                    size="xs"
                    style={{ flex: 1 }}
                    min={0}
                    hideControls
                    decimalSeparator=","
                    value={m.value}
                    onChange={(n) => set(`${mp}.value`, toNum(n))}
                    error={msg(errors[`${mp}.value`])}
                    rightSection={row.unit === 'percent' ? <Text size="xs">%</Text> : undefined}
                  />
                  {range && (
                    <NumberInput
                      aria-label={`${t('plans.milestoneValueMax')} ${j + 1}`}
                      placeholder={t('plans.milestoneValueMax')}
                      size="xs"
                      style={{ flex: 1 }}
                      min={0}
                      hideControls
                      decimalSeparator=","
                      value={m.valueMax}
                      onChange={(n) => set(`${mp}.valueMax`, toNum(n))}
                      error={msg(errors[`${mp}.valueMax`])}
                      rightSection={row.unit === 'percent' ? <Text size="xs">%</Text> : undefined}
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
  const msg = useMessage();
  const { row, index: i, errors, set } = p;
  const base = `taskGroups.${i}`;
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
          <NumberInput
            label={t('plans.groupOrdinal')}
            w={72}
            min={1}
            max={999}
            allowDecimal={false}
            hideControls
            value={row.ordinal}
            onChange={(n) => set(`${base}.ordinal`, toNum(n))}
            error={msg(errors[`${base}.ordinal`])}
          />
          <Textarea
            label={t('plans.groupHeading')}
            required
            autosize
            minRows={1}
            maxRows={4}
            style={{ flex: 1 }}
            value={row.heading}
            onChange={(e) => set(`${base}.heading`, e.currentTarget.value)}
            error={msg(errors[`${base}.heading`])}
          />
        </Group>
        <Textarea
          label={t('plans.groupMethod')}
          autosize
          minRows={1}
          maxRows={8}
          value={row.method}
          onChange={(e) => set(`${base}.method`, e.currentTarget.value)}
          error={msg(errors[`${base}.method`])}
        />
        <StringList
          label={t('plans.subtasks')}
          path={`${base}.subtasks`}
          items={row.subtasks}
          itemLabel={(k) => t('plans.subtask', { n: k + 1 })}
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
  const { row, index: i, errors, set } = p;
  const base = `assignments.${i}`;
  // Numbers the plan no longer has stay visible (and flagged) instead of vanishing silently.
  const options = useMemo(() => {
    const missing = row.targetNumbers
      .filter((n) => !p.targetOptions.some((o) => o.value === n))
      .map((n) => ({ value: n, label: t('plans.unknownTarget', { n }) }));
    return [...p.targetOptions, ...missing];
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
          <TextInput
            label={t('plans.orgName')}
            required
            value={row.orgName}
            onChange={(e) => set(`${base}.orgName`, e.currentTarget.value)}
            error={msg(errors[`${base}.orgName`])}
          />
          <OrgUnitPicker
            label={t('plans.assignmentUnit')}
            value={row.orgUnit}
            initial={row.orgUnit ? { code: row.orgUnit, name: row.orgUnitName ?? row.orgName } : null}
            onChange={(code) => set(`${base}.orgUnit`, code)}
            error={msg(errors[`${base}.orgUnit`])}
          />
        </SimpleGrid>
        <Input.Wrapper label={t('plans.role')} error={msg(errors[`${base}.role`])}>
          <SegmentedControl
            display="flex"
            size="xs"
            aria-label={t('plans.role')}
            data={[
              { value: 'lead', label: t('plans.roles.lead') },
              { value: 'coordinate', label: t('plans.roles.coordinate') },
            ]}
            value={row.role}
            onChange={(r) => set(`${base}.role`, r)}
          />
        </Input.Wrapper>
        <Textarea
          label={t('plans.duties')}
          autosize
          minRows={2}
          maxRows={8}
          value={row.duties}
          onChange={(e) => set(`${base}.duties`, e.currentTarget.value)}
          error={msg(errors[`${base}.duties`])}
        />
        <MultiSelect
          label={t('plans.targetNumbers')}
          data={options}
          value={row.targetNumbers}
          onChange={(nums) => set(`${base}.targetNumbers`, nums)}
          error={msg(errors[`${base}.targetNumbers`])}
          clearable
          comboboxProps={{ withinPortal: true }}
          data-testid="assignment-targets"
        />
      </Stack>
    </ItemCard>
  );
});

const ReportingCard = memo(function ReportingCard(p: LinkedRowProps<ReportingRow>) {
  const { t } = useTranslation();
  const msg = useMessage();
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
          <Select
            label={t('plans.reportFrequency')}
            data={REPORT_FREQUENCIES.map((f) => ({ value: f, label: t(`plans.reportFrequencyOptions.${f}`) }))}
            value={row.frequency}
            allowDeselect={false}
            onChange={(f) => f && set(`${base}.frequency`, f)}
            comboboxProps={{ withinPortal: true }}
            error={msg(errors[`${base}.frequency`])}
          />
          <TextInput
            label={t('plans.deadline')}
            required
            placeholder="01/12"
            maxLength={5}
            inputMode="numeric"
            value={row.deadline}
            onChange={(e) => set(`${base}.deadline`, e.currentTarget.value)}
            error={msg(errors[`${base}.deadline`])}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextInput
            label={t('plans.recipientName')}
            value={row.recipientName}
            onChange={(e) => set(`${base}.recipientName`, e.currentTarget.value)}
            error={msg(errors[`${base}.recipientName`])}
          />
          <OrgUnitPicker
            label={t('plans.recipientUnit')}
            value={row.recipientOrgUnit}
            initial={
              row.recipientOrgUnit
                ? { code: row.recipientOrgUnit, name: row.recipientName || row.recipientOrgUnit }
                : null
            }
            onChange={(code) => set(`${base}.recipientOrgUnit`, code)}
            error={msg(errors[`${base}.recipientOrgUnit`])}
          />
        </SimpleGrid>
      </Stack>
    </ItemCard>
  );
});

const ParentDocCard = memo(function ParentDocCard(p: RowProps<ParentDocRow>) {
  const { t } = useTranslation();
  const msg = useMessage();
  const { row, index: i, errors, set } = p;
  const base = `parentDocuments.${i}`;
  return (
    <Box className={classes.item} data-testid="parent-document-item">
      <Stack gap="xs">
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            label={t('plans.docNumber')}
            style={{ flex: 1 }}
            value={row.number}
            onChange={(e) => set(`${base}.number`, e.currentTarget.value)}
            error={msg(errors[`${base}.number`])}
          />
          <DateInput
            label={t('plans.docDate')}
            valueFormat={DATE_FORMAT}
            placeholder="dd/mm/yyyy"
            clearable
            w={140}
            value={row.date}
            onChange={(d) => set(`${base}.date`, d)}
            error={msg(errors[`${base}.date`])}
          />
          <Box pt={24}>
            <RemoveButton label={`${t('plans.remove')} ${row.number}`} onClick={() => p.remove('parentDocuments', i)} />
          </Box>
        </Group>
        <Textarea
          label={t('plans.docText')}
          autosize
          minRows={1}
          maxRows={4}
          value={row.text}
          onChange={(e) => set(`${base}.text`, e.currentTarget.value)}
          error={msg(errors[`${base}.text`])}
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
          const common = {
            'aria-label': p.itemLabel(i),
            style: { flex: 1 },
            value: item,
            error: msg(p.errors[path]),
          };
          return (
            // Index keys: the inputs are controlled, so a removal re-labels rather than misplaces text.
            <Group key={i} gap={6} wrap="nowrap" align="flex-start">
              {p.multiline ? (
                <Textarea
                  {...common}
                  size="sm"
                  autosize
                  minRows={1}
                  maxRows={6}
                  onChange={(e) => p.set(path, e.currentTarget.value)}
                />
              ) : (
                <TextInput {...common} size="sm" onChange={(e) => p.set(path, e.currentTarget.value)} />
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
