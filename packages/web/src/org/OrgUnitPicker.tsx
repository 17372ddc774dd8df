/**
 * Picks an org unit in the user's scope by typing part of its name or code; the server does
 * the accent-insensitive search, so the list only ever holds a page of matches.
 */
import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../api/types.ts';
import { unitListQuery } from './api.ts';

export interface PickedUnit {
  code: string;
  name: string;
}

interface OrgUnitPickerProps {
  label: string;
  value: string | null;
  onChange: (code: string | null) => void;
  /** The unit already chosen when the form opens, so its name shows without a search. */
  initial?: PickedUnit | null;
  error?: React.ReactNode;
  required?: boolean;
  description?: string;
  /** Leaves out units the server would refuse anyway (e.g. the unit being moved). */
  exclude?: (u: OrgUnit) => boolean;
  'data-testid'?: string;
}

const labelOf = (u: PickedUnit): string => `${u.name} (${u.code})`;

export function OrgUnitPicker(props: OrgUnitPickerProps) {
  const { t } = useTranslation();
  const { value, onChange, initial, exclude } = props;
  const [picked, setPicked] = useState<PickedUnit | null>(initial ?? null);
  const [search, setSearch] = useState(initial ? labelOf(initial) : '');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  // Once a unit is picked the box shows its label; that is not a new search.
  const searching = debounced.length > 0 && (!picked || debounced !== labelOf(picked));
  const results = useQuery({ ...unitListQuery({ q: debounced, limit: 20 }), enabled: searching });

  const data = useMemo(() => {
    const found = searching ? (results.data?.items ?? []).filter((u) => !exclude?.(u)) : [];
    const options = found.map((u) => ({ value: u.code, label: labelOf(u) }));
    if (picked && !options.some((o) => o.value === picked.code))
      options.unshift({ value: picked.code, label: labelOf(picked) });
    return options;
  }, [searching, results.data, picked, exclude]);

  return (
    <Select
      label={props.label}
      description={props.description}
      placeholder={t('org.pickUnit')}
      required={props.required}
      error={props.error}
      data-testid={props['data-testid']}
      searchable
      clearable
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      // The server already filtered; filtering again would hide accent-insensitive matches.
      filter={({ options }) => options}
      nothingFoundMessage={searching && results.isSuccess ? t('org.noResults') : undefined}
      rightSection={results.isFetching ? <Loader size={14} /> : undefined}
      onChange={(code) => {
        const item = results.data?.items.find((u) => u.code === code);
        setPicked(item ? { code: item.code, name: item.name } : code && picked?.code === code ? picked : null);
        onChange(code);
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
