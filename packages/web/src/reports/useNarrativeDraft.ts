/**
 * The narrative sections being written: saved by themselves a moment after typing stops (or on
 * demand), one save at a time, each sending only the sections that changed with the version it
 * was based on. A 409 (someone saved a newer version, or the report was submitted/locked
 * meanwhile) never overwrites anything: the newer text is fetched and shown beside the user's,
 * who chooses.
 */
import { NARRATIVE_KEYS, type NarrativeKey } from '@binhdang/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../api/client.ts';
import { reportQuery, useSaveNarrative, type Narrative, type Report } from './api.ts';

export const AUTOSAVE_MS = 2500;

export interface NarrativeConflict {
  /** The report as the server has it now. */
  latest: Report;
  /** The sections where the user's unsaved text differs from the newer saved text. */
  differing: NarrativeKey[];
}

export function changedKeys(a: Narrative, b: Narrative): NarrativeKey[] {
  return NARRATIVE_KEYS.filter((k) => a[k] !== b[k]);
}

export interface NarrativeDraft {
  values: Narrative;
  set: (key: NarrativeKey, text: string) => void;
  dirty: boolean;
  saving: boolean;
  /** The version the text was last saved as, and when (this session). */
  savedVersion: number;
  savedAt: string | null;
  error: unknown;
  conflict: NarrativeConflict | null;
  /** Saves now; resolves to the saved report's version, or null when it could not save. */
  saveNow: () => Promise<number | null>;
  takeTheirs: () => void;
  keepMine: () => Promise<void>;
  /** Whether leaving now would lose text. */
  hasUnsaved: () => boolean;
}

export function useNarrativeDraft(report: Report, autosave: boolean): NarrativeDraft {
  const qc = useQueryClient();
  const save = useSaveNarrative(report.id);
  const [values, setValues] = useState<Narrative>(report.narrative);
  const [base, setBase] = useState<{ narrative: Narrative; version: number }>({
    narrative: report.narrative,
    version: report.version,
  });
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<NarrativeConflict | null>(null);
  // Read inside async code, where state would be stale.
  const valuesRef = useRef(values);
  const baseRef = useRef(base);
  const savingRef = useRef(false);
  valuesRef.current = values;
  baseRef.current = base;

  const dirty = changedKeys(values, base.narrative).length > 0;

  // A newer version arriving from the server (refetch, a workflow step) is taken as is only when
  // nothing typed here would be lost; otherwise the next save meets the 409 and the user chooses.
  useEffect(() => {
    if (report.version === baseRef.current.version || savingRef.current) return;
    if (changedKeys(valuesRef.current, baseRef.current.narrative).length > 0) return;
    const next = { narrative: report.narrative, version: report.version };
    baseRef.current = next;
    setBase(next);
    setValues(report.narrative);
  }, [report.version, report.narrative]);

  const set = useCallback((key: NarrativeKey, text: string) => {
    setValues((v) => (v[key] === text ? v : { ...v, [key]: text }));
  }, []);

  const saveNow = useCallback(async (): Promise<number | null> => {
    if (savingRef.current) return null;
    const from = baseRef.current;
    const sent = valuesRef.current;
    const keys = changedKeys(sent, from.narrative);
    if (keys.length === 0) return from.version;
    const narrative: Partial<Narrative> = {};
    for (const k of keys) narrative[k] = sent[k];
    savingRef.current = true;
    setSaving(true);
    setError(null);
    try {
      const saved = await save.mutateAsync({ narrative, version: from.version });
      const next = { narrative: saved.narrative, version: saved.version };
      baseRef.current = next;
      setBase(next);
      setSavedAt(saved.updatedAt);
      return saved.version;
    } catch (e) {
      setError(e);
      if (isApiError(e) && e.status === 409) {
        try {
          const latest = await qc.fetchQuery({ ...reportQuery(report.id), staleTime: 0 });
          setConflict({ latest, differing: changedKeys(valuesRef.current, latest.narrative) });
        } catch (e2) {
          setError(e2);
        }
      }
      return null;
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  }, [qc, report.id, save]);

  // Autosave once typing stops; never while a conflict waits for the user's choice.
  useEffect(() => {
    if (!autosave || !dirty || saving || conflict) return;
    const timer = setTimeout(() => void saveNow(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [autosave, dirty, saving, conflict, values, saveNow]);

  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    const next = { narrative: conflict.latest.narrative, version: conflict.latest.version };
    baseRef.current = next;
    setBase(next);
    setValues(conflict.latest.narrative);
    setConflict(null);
    setError(null);
  }, [conflict]);

  /** The user read the newer text and chose theirs: save it on top of the newer version. */
  const keepMine = useCallback(async () => {
    if (!conflict) return;
    const next = { narrative: conflict.latest.narrative, version: conflict.latest.version };
    baseRef.current = next;
    setBase(next);
    setConflict(null);
    setError(null);
    await saveNow();
  }, [conflict, saveNow]);

  const hasUnsaved = useCallback(() => changedKeys(valuesRef.current, baseRef.current.narrative).length > 0, []);

  return {
    values,
    set,
    dirty,
    saving,
    savedVersion: base.version,
    savedAt,
    error,
    conflict,
    saveNow,
    takeTheirs,
    keepMine,
    hasUnsaved,
  };
}
