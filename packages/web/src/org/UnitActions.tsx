/**
 * Admin commands on the current unit: add a sub-unit, rename, move, close, merge. Each opens a
 * modal form; the server validates and its field messages appear under the matching inputs.
 */
import { Button, Group, Menu, Select, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconArrowsMove, IconChevronDown, IconGitMerge, IconPencil, IconPlus, IconSquareX } from '@tabler/icons-react';
import { ALLOWED_CHILD_KINDS, isInSubtree } from '@binhdang/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgKind, OrgUnit, OrgUnitWithAncestors } from '../api/types.ts';
import { ResponsiveModal } from '../ui/ResponsiveModal.tsx';
import { FormError, fieldErrorsOf } from '../ui/errors.tsx';
import { useCloseUnit, useCreateUnit, useMergeUnit, useMoveUnit, useRenameUnit } from './api.ts';
import { OrgUnitPicker } from './OrgUnitPicker.tsx';
import { isClosed } from './UnitList.tsx';

type Dialog = 'create' | 'rename' | 'move' | 'close' | 'merge' | null;

const DATE_FORMAT = 'DD/MM/YYYY';

interface UnitActionsProps {
  unit: OrgUnitWithAncestors;
  /** The admin's own unit: writes are allowed strictly below it, sub-units also at it. */
  ownPath: string;
}

export function UnitActions({ unit, ownPath }: UnitActionsProps) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const closed = isClosed(unit);
  const canAddChild = !closed && ALLOWED_CHILD_KINDS[unit.kind].length > 0;
  const below = unit.path !== ownPath;
  const done = () => setDialog(null);

  if (!canAddChild && !below) return null;
  return (
    <>
      <Group gap="xs">
        {canAddChild && (
          <Button size="xs" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog('create')}>
            {t('org.create')}
          </Button>
        )}
        {below && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} aria-hidden />}>
                {t('org.actions')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setDialog('rename')}>
                {t('org.rename')}
              </Menu.Item>
              <Menu.Item leftSection={<IconArrowsMove size={16} aria-hidden />} onClick={() => setDialog('move')}>
                {t('org.move')}
              </Menu.Item>
              <Menu.Item
                leftSection={<IconSquareX size={16} aria-hidden />}
                disabled={closed}
                onClick={() => setDialog('close')}
              >
                {t('org.closeUnit')}
              </Menu.Item>
              <Menu.Item
                leftSection={<IconGitMerge size={16} aria-hidden />}
                disabled={closed}
                onClick={() => setDialog('merge')}
              >
                {t('org.merge')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <ResponsiveModal
        opened={dialog === 'create'}
        onClose={done}
        title={t('org.createTitle', { parent: unit.name })}
        size="lg"
      >
        {dialog === 'create' && <CreateUnitForm parent={unit} onDone={done} />}
      </ResponsiveModal>
      <ResponsiveModal opened={dialog === 'rename'} onClose={done} title={t('org.renameTitle', { name: unit.name })}>
        {dialog === 'rename' && <RenameForm unit={unit} onDone={done} />}
      </ResponsiveModal>
      <ResponsiveModal opened={dialog === 'move'} onClose={done} title={t('org.moveTitle', { name: unit.name })}>
        {dialog === 'move' && <MoveForm unit={unit} onDone={done} />}
      </ResponsiveModal>
      <ResponsiveModal opened={dialog === 'close'} onClose={done} title={t('org.closeTitle', { name: unit.name })}>
        {dialog === 'close' && <CloseForm unit={unit} onDone={done} />}
      </ResponsiveModal>
      <ResponsiveModal opened={dialog === 'merge'} onClose={done} title={t('org.mergeTitle', { name: unit.name })}>
        {dialog === 'merge' && <MergeForm unit={unit} onDone={done} />}
      </ResponsiveModal>
    </>
  );
}

/** Optional text: blank means "not given", never an empty string the server would reject. */
const opt = (s: string): string | undefined => (s.trim() ? s.trim() : undefined);

function FormButtons({
  pending,
  onCancel,
  danger = false,
}: {
  pending: boolean;
  onCancel: () => void;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="xs" mt="xs">
      <Button variant="default" onClick={onCancel}>
        {t('app.cancel')}
      </Button>
      <Button type="submit" loading={pending} color={danger ? 'red' : undefined}>
        {t('app.save')}
      </Button>
    </Group>
  );
}

const CREATE_FIELDS = ['code', 'name', 'nameEn', 'fullName', 'kind', 'unitType', 'validFrom'] as const;

function CreateUnitForm({ parent, onDone }: { parent: OrgUnit; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateUnit();
  const kinds = ALLOWED_CHILD_KINDS[parent.kind];
  const form = useForm({
    initialValues: {
      code: '',
      name: '',
      nameEn: '',
      fullName: '',
      kind: (kinds[0] ?? 'agency') as OrgKind,
      unitType: '',
      validFrom: null as string | null,
    },
  });
  const submit = form.onSubmit((v) => {
    create.mutate(
      {
        parent: parent.id,
        code: v.code.trim(),
        name: v.name,
        nameEn: opt(v.nameEn),
        fullName: opt(v.fullName),
        kind: v.kind,
        unitType: opt(v.unitType),
        validFrom: v.validFrom ?? undefined,
      },
      {
        onSuccess: (u) => {
          notifications.show({ color: 'green', message: t('org.created', { name: u.name }) });
          onDone();
        },
        onError: (e) => form.setErrors(fieldErrorsOf(e, CREATE_FIELDS)),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormError error={create.error} formFields={CREATE_FIELDS} labels={{ parent: t('org.parent') }} />
        <Select
          label={t('org.kind')}
          required
          allowDeselect={false}
          data={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          {...form.getInputProps('kind')}
        />
        <TextInput
          label={t('org.code')}
          description={t('org.codeHint')}
          required
          autoCapitalize="none"
          spellCheck={false}
          {...form.getInputProps('code')}
        />
        <TextInput label={t('org.name')} required {...form.getInputProps('name')} />
        <TextInput label={t('org.fullName')} {...form.getInputProps('fullName')} />
        <TextInput label={t('org.nameEn')} lang="en" {...form.getInputProps('nameEn')} />
        <TextInput label={t('org.unitType')} {...form.getInputProps('unitType')} />
        <DateInput
          label={t('org.validFrom')}
          valueFormat={DATE_FORMAT}
          placeholder="dd/mm/yyyy"
          clearable
          {...form.getInputProps('validFrom')}
        />
        <FormButtons pending={create.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

const RENAME_FIELDS = ['name', 'nameEn', 'fullName'] as const;

function RenameForm({ unit, onDone }: { unit: OrgUnit; onDone: () => void }) {
  const { t } = useTranslation();
  const rename = useRenameUnit(unit.id);
  const form = useForm({
    initialValues: { name: unit.name, nameEn: unit.nameEn ?? '', fullName: unit.fullName ?? '' },
  });
  const submit = form.onSubmit((v) => {
    rename.mutate(
      // Clearing an optional name removes it (null), rather than sending an empty string.
      { name: v.name, nameEn: opt(v.nameEn) ?? null, fullName: opt(v.fullName) ?? null, version: unit.version },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('org.renamed') });
          onDone();
        },
        onError: (e) => form.setErrors(fieldErrorsOf(e, RENAME_FIELDS)),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormError error={rename.error} formFields={RENAME_FIELDS} labels={{ version: t('org.version') }} />
        <TextInput label={t('org.name')} required {...form.getInputProps('name')} />
        <TextInput label={t('org.fullName')} {...form.getInputProps('fullName')} />
        <TextInput label={t('org.nameEn')} lang="en" {...form.getInputProps('nameEn')} />
        <FormButtons pending={rename.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function MoveForm({ unit, onDone }: { unit: OrgUnit; onDone: () => void }) {
  const { t } = useTranslation();
  const move = useMoveUnit(unit.id);
  const form = useForm({ initialValues: { parent: null as string | null } });
  const submit = form.onSubmit((v) => {
    move.mutate(
      { parent: v.parent ?? '', version: unit.version },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('org.moved') });
          onDone();
        },
        onError: (e) => form.setErrors(fieldErrorsOf(e, ['parent'])),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('org.moveHint')}
        </Text>
        <FormError error={move.error} formFields={['parent']} labels={{ version: t('org.version') }} />
        <OrgUnitPicker
          label={t('org.newParent')}
          required
          value={form.values.parent}
          onChange={(c) => form.setFieldValue('parent', c)}
          error={form.errors.parent}
          exclude={(u) => isInSubtree(u.path, unit.path) || u.id === unit.parentId}
        />
        <FormButtons pending={move.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function CloseForm({ unit, onDone }: { unit: OrgUnit; onDone: () => void }) {
  const { t } = useTranslation();
  const closeUnit = useCloseUnit(unit.id);
  const form = useForm({ initialValues: { validTo: null as string | null } });
  const submit = form.onSubmit((v) => {
    closeUnit.mutate(
      { validTo: v.validTo ?? '', version: unit.version },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('org.closedDone') });
          onDone();
        },
        onError: (e) => form.setErrors(fieldErrorsOf(e, ['validTo'])),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('org.closeHint')}
        </Text>
        <FormError error={closeUnit.error} formFields={['validTo']} labels={{ version: t('org.version') }} />
        <DateInput
          label={t('org.validTo')}
          valueFormat={DATE_FORMAT}
          placeholder="dd/mm/yyyy"
          required
          {...form.getInputProps('validTo')}
        />
        <FormButtons pending={closeUnit.isPending} onCancel={onDone} danger />
      </Stack>
    </form>
  );
}

function MergeForm({ unit, onDone }: { unit: OrgUnit; onDone: () => void }) {
  const { t } = useTranslation();
  const merge = useMergeUnit(unit.id);
  const form = useForm({ initialValues: { successor: null as string | null, validTo: null as string | null } });
  const submit = form.onSubmit((v) => {
    merge.mutate(
      { successor: v.successor ?? '', validTo: v.validTo ?? '', version: unit.version },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('org.merged') });
          onDone();
        },
        onError: (e) => form.setErrors(fieldErrorsOf(e, ['successor', 'validTo'])),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('org.mergeHint')}
        </Text>
        <FormError error={merge.error} formFields={['successor', 'validTo']} labels={{ version: t('org.version') }} />
        <OrgUnitPicker
          label={t('org.successor')}
          required
          value={form.values.successor}
          onChange={(c) => form.setFieldValue('successor', c)}
          error={form.errors.successor}
          exclude={(u) => isInSubtree(u.path, unit.path)}
        />
        <DateInput
          label={t('org.validTo')}
          valueFormat={DATE_FORMAT}
          placeholder="dd/mm/yyyy"
          required
          {...form.getInputProps('validTo')}
        />
        <FormButtons pending={merge.isPending} onCancel={onDone} danger />
      </Stack>
    </form>
  );
}
