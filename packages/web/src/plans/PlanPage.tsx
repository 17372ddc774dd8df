/**
 * One plan as its readers need it: the header of the document, what it implements, targets with
 * their milestones, tasks, who does what, how to report, budget, recipients and signer; then the
 * plans below that implement it and the units still without one. Planners get the commands:
 * edit, issue/reopen, delete, and — when the plan comes from above — "Xây dựng kế hoạch thực hiện".
 */
import {
  Accordion,
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Grid,
  Group,
  List,
  Paper,
  Skeleton,
  Spoiler,
  Stack,
  Text,
  ThemeIcon,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconArrowBackUp,
  IconFileText,
  IconFileTypeDocx,
  IconFileTypeXls,
  IconGitBranch,
  IconLink,
  IconPencil,
  IconPlus,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import type { Plan } from '@binhdang/domain';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../auth/api.ts';
import { formatDate } from '../i18n/format.ts';
import { ResponsiveModal } from '../ui/ResponsiveModal.tsx';
import { QueryError } from '../ui/errors.tsx';
import {
  exportDocxUrl,
  exportTargetsUrl,
  originalTextQuery,
  planQuery,
  planTreeQuery,
  useCascadePlan,
  useDeletePlan,
  useIssuePlan,
  useReopenPlan,
  type PlanTree,
  type PlanTreeNode,
} from './api.ts';
import { describeMilestone, describeReportingRule, formatPeriod, isAboveUser } from './format.ts';
import { RoleBadge, StatusBadge } from './PlanBits.tsx';
import { SourceText, SpanLegend, spanItemsOf } from './SourceText.tsx';
import classes from './plans.module.css';

const route = getRouteApi('/app/plans/$id');

export function PlanPage() {
  const { t } = useTranslation();
  const { id } = route.useParams();
  const plan = useQuery(planQuery(id));

  if (plan.isError) {
    return (
      <Stack gap="md">
        <Title order={1} size="h2">
          {t('plans.title')}
        </Title>
        <QueryError error={plan.error}>
          <Button size="xs" variant="light" renderRoot={(p) => <Link to="/plans" {...p} />}>
            {t('plans.backToList')}
          </Button>
        </QueryError>
      </Stack>
    );
  }
  if (!plan.data) {
    return (
      <Stack gap="md">
        <Skeleton h={140} />
        <Skeleton h={240} />
      </Stack>
    );
  }
  return <PlanView plan={plan.data} />;
}

function PlanView({ plan }: { plan: Plan }) {
  const me = useMe();
  const canWrite = useCan('plan.write');
  const above = isAboveUser(plan.orgUnitCode, me.orgUnit.path);
  const tree = useQuery(planTreeQuery(plan.id));
  const own = tree.data?.children.find((c) => c.orgUnitCode === me.orgUnit.code) ?? null;

  return (
    <Stack gap="md" className={classes.root}>
      <PlanHeader plan={plan} />
      <PlanActions plan={plan} canEdit={canWrite && !above} canCascade={canWrite && above} ownPlan={own} />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Targets plan={plan} />
            <TaskGroups plan={plan} />
            <Assignments plan={plan} />
            <Reporting plan={plan} />
            <Budget plan={plan} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <ParentDocuments plan={plan} />
            <CascadeTree plan={plan} tree={tree.data} error={tree.error} canDraft={canWrite} />
            <Closing plan={plan} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Section(props: { title: string; testId?: string; count?: number; children: ReactNode; action?: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" data-testid={props.testId}>
      <Group justify="space-between" gap="xs" mb="sm" wrap="nowrap">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Title order={2} size="h4">
            {props.title}
          </Title>
          {props.count !== undefined && (
            <Badge variant="light" color="gray" size="sm">
              {props.count}
            </Badge>
          )}
        </Group>
        {props.action}
      </Group>
      {props.children}
    </Paper>
  );
}

function PlanHeader({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  // "Lai Châu, ngày 05/04/2026"; a draft without its date says so instead of "ngày …".
  const placeDate = plan.issuedOn
    ? plan.place
      ? t('plans.placeDate', { place: plan.place, date: formatDate(plan.issuedOn) })
      : t('plans.dateOnly', { date: formatDate(plan.issuedOn) })
    : [plan.place, t('plans.noDate')].filter(Boolean).join(', ');
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} data-testid="plan-header">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Box miw={0}>
            {plan.supervisingBody && (
              <Text size="xs" c="dimmed" tt="uppercase">
                {plan.supervisingBody}
              </Text>
            )}
            <Text size="sm" fw={700} tt="uppercase" data-testid="plan-issuer">
              {plan.issuerName ?? plan.orgUnitName}
            </Text>
            <Text size="xs" c="dimmed">
              {plan.orgUnitName} · <span style={{ fontFamily: 'monospace' }}>{plan.orgUnitCode}</span>
            </Text>
          </Box>
          <StatusBadge status={plan.status} />
        </Group>
        <Group gap="md" wrap="wrap">
          <Text size="sm">
            {t('plans.number')}: <b>{plan.number ?? t('plans.noNumber')}</b>
          </Text>
          <Text size="sm" fs="italic">
            {placeDate}
          </Text>
        </Group>
        <Title order={1} size="h3" mt={4} data-testid="plan-title">
          {plan.title}
        </Title>
        <Group gap={6}>
          <Badge variant="light">{t(`plans.kinds.${plan.kind}`)}</Badge>
          <Badge variant="outline" color="gray">
            {t('plans.period')}: {formatPeriod(plan.periodFrom, plan.periodTo)}
          </Badge>
          <Badge variant="light" color="blue" data-testid="plan-target-count">
            {t('plans.targetCountText', { count: plan.targets.length })}
          </Badge>
          <Text size="xs" c="dimmed">
            {t('plans.version', { version: plan.version })}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}

function PlanActions({
  plan,
  canEdit,
  canCascade,
  ownPlan,
}: {
  plan: Plan;
  canEdit: boolean;
  canCascade: boolean;
  ownPlan: PlanTreeNode | null;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const issue = useIssuePlan(plan.id);
  const reopen = useReopenPlan(plan.id);
  const cascade = useCascadePlan(plan.id);
  const remove = useDeletePlan(plan.id);
  const [confirmDelete, setConfirmDelete] = useState(false);
  // Phones: smaller commands, two to a row rather than one.
  const size = useMediaQuery('(max-width: 36em)') ? 'xs' : 'sm';
  const [showText, setShowText] = useState(false);
  const draft = plan.status === 'draft';
  const fail = (e: Error) => notifications.show({ color: 'red', title: t('error.generic'), message: e.message });

  return (
    <>
      <Group gap="xs" data-testid="plan-actions">
        {canCascade &&
          (ownPlan ? (
            <Button
              size={size}
              variant="light"
              leftSection={<IconGitBranch size={16} aria-hidden />}
              renderRoot={(p) => <Link to="/plans/$id" params={{ id: ownPlan.id }} {...p} />}
            >
              {ownPlan.title}
            </Button>
          ) : (
            <Tooltip label={t('plans.cascadeHint')} multiline w={260}>
              <Button
                size={size}
                leftSection={<IconGitBranch size={16} aria-hidden />}
                loading={cascade.isPending}
                onClick={() =>
                  cascade.mutate(undefined, {
                    onSuccess: (created) => {
                      notifications.show({ color: 'green', message: t('plans.cascaded') });
                      void navigate({ to: '/plans/$id/edit', params: { id: created.id } });
                    },
                    onError: fail,
                  })
                }
              >
                {t('plans.cascade')}
              </Button>
            </Tooltip>
          ))}
        {canEdit && draft && (
          <Button
            size={size}
            variant="light"
            leftSection={<IconPencil size={16} aria-hidden />}
            renderRoot={(p) => <Link to="/plans/$id/edit" params={{ id: plan.id }} {...p} />}
          >
            {t('plans.edit')}
          </Button>
        )}
        {canEdit &&
          (draft ? (
            <Button
              size={size}
              variant="light"
              color="green"
              leftSection={<IconSend size={16} aria-hidden />}
              loading={issue.isPending}
              onClick={() =>
                issue.mutate(plan.version, {
                  onSuccess: () => notifications.show({ color: 'green', message: t('plans.issued') }),
                  onError: fail,
                })
              }
            >
              {t('plans.issue')}
            </Button>
          ) : (
            <Button
              size={size}
              variant="light"
              color="yellow"
              leftSection={<IconArrowBackUp size={16} aria-hidden />}
              loading={reopen.isPending}
              onClick={() =>
                reopen.mutate(plan.version, {
                  onSuccess: () => notifications.show({ color: 'green', message: t('plans.reopened') }),
                  onError: fail,
                })
              }
            >
              {t('plans.reopen')}
            </Button>
          ))}
        <Button
          size={size}
          variant="default"
          leftSection={<IconFileTypeDocx size={16} aria-hidden />}
          component="a"
          href={exportDocxUrl(plan.id)}
          download
        >
          {t('plans.exportDocx')}
        </Button>
        <Button
          size={size}
          variant="default"
          leftSection={<IconFileTypeXls size={16} aria-hidden />}
          component="a"
          href={exportTargetsUrl(plan.id)}
          download
        >
          {t('plans.exportXlsx')}
        </Button>
        {plan.hasOriginalText && (
          <Button
            size={size}
            variant="subtle"
            leftSection={<IconFileText size={16} aria-hidden />}
            onClick={() => setShowText(true)}
          >
            {t('plans.showOriginal')}
          </Button>
        )}
        {canEdit && draft && (
          <Button
            size={size}
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => setConfirmDelete(true)}
          >
            {t('plans.delete')}
          </Button>
        )}
      </Group>

      <ResponsiveModal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={t('plans.deleteTitle')}>
        <Stack gap="md">
          <Text size="sm">{t('plans.deleteText', { title: plan.title })}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirmDelete(false)}>
              {t('app.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(plan.version, {
                  onSuccess: () => {
                    notifications.show({ color: 'green', message: t('plans.deleted') });
                    void navigate({ to: '/plans' });
                  },
                  onError: (e) => {
                    setConfirmDelete(false);
                    fail(e);
                  },
                })
              }
            >
              {t('plans.delete')}
            </Button>
          </Group>
        </Stack>
      </ResponsiveModal>
      <ResponsiveModal opened={showText} onClose={() => setShowText(false)} title={t('plans.original')} size="xl">
        {showText && <OriginalText plan={plan} />}
      </ResponsiveModal>
    </>
  );
}

function OriginalText({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const text = useQuery(originalTextQuery(plan.id));
  const items = useMemo(() => spanItemsOf(plan), [plan]);
  if (text.isError) return <QueryError error={text.error} onRetry={() => void text.refetch()} />;
  if (!text.data) return <Skeleton h={300} />;
  return (
    <Stack gap="xs" className={classes.root}>
      <SpanLegend items={items} />
      <SourceText text={text.data.text} items={items} activeId={null} label={t('plans.original')} />
    </Stack>
  );
}

function Targets({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  return (
    <Section title={t('plans.targets')} count={plan.targets.length} testId="plan-targets">
      {plan.targets.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('plans.noTargets')}
        </Text>
      ) : (
        <Stack gap="sm" component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
          {plan.targets.map((target) => (
            <Box component="li" key={target.id} className={classes.item} data-kind="targets" data-testid="plan-target">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon variant="light" radius="xl" size="md" aria-hidden>
                  <Text size="sm" fw={700}>
                    {target.number}
                  </Text>
                </ThemeIcon>
                <Stack gap={6} miw={0} style={{ flex: 1 }}>
                  <Text size="sm">
                    <VisuallyHidden>{t('plans.targetNo', { number: target.number })}: </VisuallyHidden>
                    {target.text}
                  </Text>
                  <Group gap={6}>
                    {target.milestones.map((m) => (
                      <Badge key={m.year} variant="light" color="blue" size="lg" tt="none" data-testid="milestone">
                        {describeMilestone(target, m, t, i18n.language, { showYear: target.milestones.length > 1 })}
                      </Badge>
                    ))}
                    {target.baselineYear !== null && (
                      <Text size="xs" c="dimmed">
                        {t('plans.baseline', { year: target.baselineYear })}
                      </Text>
                    )}
                    {target.ruleKind && (
                      <Badge variant="outline" color="gray" size="sm">
                        {t(`plans.ruleKinds.${target.ruleKind}`)}
                      </Badge>
                    )}
                  </Group>
                  {target.parentTargetText && (
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <IconLink size={14} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
                      <Text size="xs" c="dimmed" data-testid="target-parent-link">
                        {t('plans.linkedTo', { text: target.parentTargetText })}
                      </Text>
                    </Group>
                  )}
                </Stack>
              </Group>
            </Box>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function TaskGroups({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <Section title={t('plans.taskGroups')} count={plan.taskGroups.length} testId="plan-task-groups">
      {plan.taskGroups.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('plans.noTaskGroups')}
        </Text>
      ) : (
        <Accordion multiple variant="separated" chevronPosition="right">
          {plan.taskGroups.map((g) => (
            <Accordion.Item key={g.id} value={g.id} data-testid="plan-task-group">
              <Accordion.Control>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Text size="sm" fw={600} style={{ flex: 1 }}>
                    {g.ordinal}. {g.heading}
                  </Text>
                  {g.subtasks.length > 0 && (
                    <Badge size="sm" variant="light" color="teal" style={{ flexShrink: 0 }}>
                      {t('plans.subtaskCount', { count: g.subtasks.length })}
                    </Badge>
                  )}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="xs">
                  {g.method && (
                    <Box>
                      <Text size="xs" c="dimmed" fw={600}>
                        {t('plans.method')}
                      </Text>
                      <Text size="sm" className={classes.pre}>
                        {g.method}
                      </Text>
                    </Box>
                  )}
                  {g.subtasks.length > 0 && (
                    <List size="sm" spacing={4}>
                      {g.subtasks.map((s, i) => (
                        <List.Item key={i}>{s}</List.Item>
                      ))}
                    </List>
                  )}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Section>
  );
}

function Assignments({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <Section title={t('plans.assignments')} count={plan.assignments.length} testId="plan-assignments">
      {plan.assignments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('plans.noAssignments')}
        </Text>
      ) : (
        <Stack gap="sm">
          {plan.assignments.map((a) => (
            <Box key={a.id} className={classes.item} data-kind="assignments" data-testid="plan-assignment">
              <Group gap={6} mb={4} align="center">
                <Text size="sm" fw={700}>
                  {a.orgName}
                </Text>
                <RoleBadge role={a.role} />
                {a.orgUnit && (
                  <Badge size="sm" variant="outline" color="gray" ff="monospace" title={a.orgUnitName ?? undefined}>
                    {a.orgUnit}
                  </Badge>
                )}
              </Group>
              {a.targetNumbers.length > 0 && (
                <Group gap={4} mb={4}>
                  <Text size="xs" c="dimmed">
                    {t('plans.reportsOn')}:
                  </Text>
                  {a.targetNumbers.map((n) => (
                    <Badge key={n} size="sm" variant="light" color="blue">
                      {t('plans.targetNo', { number: n })}
                    </Badge>
                  ))}
                </Group>
              )}
              {a.duties && (
                <Spoiler maxHeight={66} showLabel={t('plans.showMore')} hideLabel={t('plans.showLess')}>
                  <Text size="sm" className={classes.pre}>
                    {a.duties}
                  </Text>
                </Spoiler>
              )}
            </Box>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function Reporting({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <Section title={t('plans.reporting')} count={plan.reportingRules.length} testId="plan-reporting">
      {plan.reportingRules.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('plans.noReporting')}
        </Text>
      ) : (
        <List size="sm" spacing={4}>
          {plan.reportingRules.map((r) => (
            <List.Item key={r.id} data-testid="plan-reporting-rule">
              {describeReportingRule(r, t)}
            </List.Item>
          ))}
        </List>
      )}
    </Section>
  );
}

function Budget({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  if (!plan.budgetSources.length && !plan.budgetText && !plan.purposes) return null;
  return (
    <>
      {plan.purposes && (
        <Section title={t('plans.purposes')}>
          <Spoiler maxHeight={110} showLabel={t('plans.showMore')} hideLabel={t('plans.showLess')}>
            <Text size="sm" className={classes.pre}>
              {plan.purposes}
            </Text>
          </Spoiler>
        </Section>
      )}
      {(plan.budgetSources.length > 0 || plan.budgetText) && (
        <Section title={t('plans.budget')} testId="plan-budget">
          {plan.budgetSources.length > 0 ? (
            <>
              <Text size="xs" c="dimmed" fw={600} mb={4}>
                {t('plans.budgetSources')}
              </Text>
              <List size="sm" spacing={2}>
                {plan.budgetSources.map((s, i) => (
                  <List.Item key={i}>{s}</List.Item>
                ))}
              </List>
            </>
          ) : (
            <Text size="sm" className={classes.pre}>
              {plan.budgetText}
            </Text>
          )}
        </Section>
      )}
    </>
  );
}

function ParentDocuments({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  if (plan.parentDocuments.length === 0) return null;
  return (
    <Section title={t('plans.parentDocuments')} count={plan.parentDocuments.length} testId="plan-parents">
      <Stack gap="sm">
        {plan.parentDocuments.map((d, i) => (
          <Box key={`${d.number}-${i}`} data-testid="plan-parent-document">
            <Group gap={6}>
              {d.planId ? (
                <Anchor
                  size="sm"
                  fw={700}
                  renderRoot={(p) => <Link to="/plans/$id" params={{ id: d.planId ?? '' }} {...p} />}
                >
                  <IconLink size={14} aria-hidden style={{ verticalAlign: -2, marginRight: 4 }} />
                  {d.number}
                </Anchor>
              ) : (
                <Text size="sm" fw={700}>
                  {d.number}
                </Text>
              )}
              {d.date && (
                <Text size="xs" c="dimmed">
                  {formatDate(d.date)}
                </Text>
              )}
              {d.planId && (
                <Badge size="xs" variant="light" color="teal">
                  {t('plans.inSystem')}
                </Badge>
              )}
            </Group>
            {d.text && (
              <Text size="xs" c="dimmed" lineClamp={3}>
                {d.text}
              </Text>
            )}
          </Box>
        ))}
      </Stack>
    </Section>
  );
}

function CascadeTree({
  plan,
  tree,
  error,
  canDraft,
}: {
  plan: Plan;
  tree: PlanTree | undefined;
  error: unknown;
  canDraft: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const cascade = useCascadePlan(plan.id);
  const draftFor = (code: string) =>
    cascade.mutate(code, {
      onSuccess: (created) => {
        notifications.show({ color: 'green', message: t('plans.cascaded') });
        void navigate({ to: '/plans/$id/edit', params: { id: created.id } });
      },
      onError: (e) => notifications.show({ color: 'red', title: t('error.generic'), message: e.message }),
    });
  return (
    <Section title={t('plans.tree')} testId="plan-tree">
      {error ? (
        <QueryError error={error} />
      ) : !tree ? (
        <Skeleton h={80} />
      ) : (
        <Stack gap="sm">
          {tree.children.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('plans.treeEmpty')}
            </Text>
          ) : (
            <TreeList nodes={tree.children} root />
          )}
          <Box data-testid="units-without-plan">
            <Text size="sm" fw={600} mb={6}>
              {t('plans.unitsWithoutPlan', { count: tree.unitsWithoutPlan.length })}
            </Text>
            {tree.unitsWithoutPlan.length === 0 ? (
              <Alert variant="light" color="green" p="xs">
                <Text size="sm">{t('plans.allUnitsHavePlan')}</Text>
              </Alert>
            ) : (
              <Spoiler maxHeight={150} showLabel={t('plans.showAll')} hideLabel={t('plans.showLess')}>
                <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                  {tree.unitsWithoutPlan.map((u) => (
                    <Group
                      component="li"
                      key={u.id}
                      gap={6}
                      wrap="nowrap"
                      justify="space-between"
                      data-testid="unit-without-plan"
                      data-code={u.code}
                    >
                      <Text size="sm" miw={0}>
                        {u.name}{' '}
                        <Text span size="xs" c="dimmed" ff="monospace">
                          {u.code}
                        </Text>
                      </Text>
                      {canDraft && plan.status === 'issued' && (
                        <Tooltip label={`${t('plans.draftFor')}: ${u.name}`}>
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            aria-label={`${t('plans.draftFor')}: ${u.name}`}
                            loading={cascade.isPending && cascade.variables === u.code}
                            onClick={() => draftFor(u.code)}
                          >
                            <IconPlus size={14} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  ))}
                </Stack>
              </Spoiler>
            )}
          </Box>
        </Stack>
      )}
    </Section>
  );
}

function TreeList({ nodes, root = false }: { nodes: PlanTreeNode[]; root?: boolean }) {
  return (
    <Stack gap={6} component="ul" className={root ? classes.treeRoot : classes.treeList}>
      {nodes.map((n) => (
        <li key={n.id} data-testid="tree-node" data-org={n.orgUnitCode} data-status={n.status}>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <Box miw={0} style={{ flex: 1 }}>
              <Anchor size="sm" fw={600} renderRoot={(p) => <Link to="/plans/$id" params={{ id: n.id }} {...p} />}>
                {n.orgUnitName}
              </Anchor>
              <Text size="xs" c="dimmed" lineClamp={2}>
                {n.number ? `${n.number} · ` : ''}
                {n.title}
              </Text>
            </Box>
            <StatusBadge status={n.status === 'issued' ? 'issued' : 'draft'} />
          </Group>
          {n.children.length > 0 && <TreeList nodes={n.children} />}
        </li>
      ))}
    </Stack>
  );
}

function Closing({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const signer = [plan.signer.authority, plan.signer.title].filter(Boolean).join(' · ');
  if (!plan.recipients.length && !signer && !plan.signer.name) return null;
  return (
    <Section title={t('plans.recipients')} testId="plan-closing">
      <Stack gap="sm">
        {plan.recipients.length > 0 && (
          <List size="sm" spacing={2}>
            {plan.recipients.map((r, i) => (
              <List.Item key={i}>{r}</List.Item>
            ))}
          </List>
        )}
        {(signer || plan.signer.name) && (
          <Box>
            <Text size="xs" c="dimmed" fw={600}>
              {t('plans.signer')}
            </Text>
            {signer && (
              <Text size="sm" tt="uppercase">
                {signer}
              </Text>
            )}
            {plan.signer.name && (
              <Text size="sm" fw={700}>
                {plan.signer.name}
              </Text>
            )}
          </Box>
        )}
      </Stack>
    </Section>
  );
}
