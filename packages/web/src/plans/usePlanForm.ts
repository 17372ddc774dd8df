/**
 * State of the plan editor. Not @mantine/form: that deep-copies every value on each keystroke,
 * so a plan with a hundred inputs would re-render all of them; here a change copies only the
 * objects along its path and the rows it did not touch keep their identity (and stay memoised).
 */
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import {
  mapServerErrors,
  relatedPaths,
  setIn,
  shiftErrors,
  validateAll,
  validatePath,
  getIn,
  type PlanFormValues,
} from './form.ts';

type Errors = Record<string, string>;

interface State {
  values: PlanFormValues;
  errors: Errors;
  /** Server messages for fields the editor has no input for. */
  other: [string, string][];
  dirty: boolean;
}

type Action =
  | { type: 'set'; path: string; value: unknown }
  | { type: 'insert'; list: string; item: unknown }
  | { type: 'remove'; list: string; index: number }
  | { type: 'errors'; errors: Errors; other: [string, string][] }
  | { type: 'reset'; values: PlanFormValues };

function withErrors(prev: Errors, next: Errors): Errors {
  const a = Object.keys(prev);
  const b = Object.keys(next);
  if (a.length === b.length && a.every((k) => prev[k] === next[k])) return prev;
  return next;
}

function reducer(requireOrgUnit: boolean) {
  return (state: State, action: Action): State => {
    switch (action.type) {
      case 'set': {
        if (getIn(state.values, action.path) === action.value) return state;
        const values = setIn(state.values, action.path, action.value);
        // Validate as the user types: the changed input and those whose validity depends on it.
        const errors = { ...state.errors };
        for (const p of relatedPaths(action.path, values)) {
          const e = validatePath(p, values, requireOrgUnit);
          if (e) errors[p] = e;
          else delete errors[p];
        }
        // A server complaint about a whole group ("targets.0.milestones") goes once the user edits inside it.
        for (const k of Object.keys(errors)) if (action.path.startsWith(k + '.')) delete errors[k];
        return { ...state, values, errors: withErrors(state.errors, errors), dirty: true };
      }
      case 'insert': {
        const list = getIn(state.values, action.list) as unknown[];
        return { ...state, values: setIn(state.values, action.list, [...list, action.item]), dirty: true };
      }
      case 'remove': {
        const list = getIn(state.values, action.list) as unknown[];
        return {
          ...state,
          values: setIn(
            state.values,
            action.list,
            list.filter((_, i) => i !== action.index),
          ),
          errors: shiftErrors(state.errors, action.list, action.index),
          dirty: true,
        };
      }
      case 'errors':
        return { ...state, errors: action.errors, other: action.other };
      case 'reset':
        return { values: action.values, errors: {}, other: [], dirty: false };
    }
  };
}

export interface PlanForm {
  values: PlanFormValues;
  /** Path → message or i18n key ("plans.required"). */
  errors: Errors;
  other: [string, string][];
  dirty: boolean;
  /** Whether the issuing unit is chosen here (new plans) or fixed (edits). */
  requireOrgUnit: boolean;
  set: (path: string, value: unknown) => void;
  insert: (list: string, item: unknown) => void;
  remove: (list: string, index: number) => void;
  /** Runs every check; true when the values may be sent. */
  validate: () => boolean;
  /** Places the server's field messages under their inputs. */
  setServerErrors: (fields: Record<string, string>) => void;
  reset: (values: PlanFormValues) => void;
  /** Whether leaving now would lose edits (read at navigation time, so never stale). */
  hasUnsaved: () => boolean;
  /** Call before navigating away on purpose (after a save or a delete). */
  allowLeave: () => void;
}

export function usePlanForm(initial: () => PlanFormValues, opts: { requireOrgUnit: boolean }): PlanForm {
  const { requireOrgUnit } = opts;
  const reduce = useMemo(() => reducer(requireOrgUnit), [requireOrgUnit]);
  const [state, dispatch] = useReducer(reduce, undefined, () => ({
    values: initial(),
    errors: {},
    other: [],
    dirty: false,
  }));

  const set = useCallback((path: string, value: unknown) => dispatch({ type: 'set', path, value }), []);
  const insert = useCallback((list: string, item: unknown) => dispatch({ type: 'insert', list, item }), []);
  const remove = useCallback((list: string, index: number) => dispatch({ type: 'remove', list, index }), []);
  const reset = useCallback((values: PlanFormValues) => dispatch({ type: 'reset', values }), []);
  const setServerErrors = useCallback((fields: Record<string, string>) => {
    const mapped = mapServerErrors(fields);
    dispatch({ type: 'errors', errors: mapped.fields, other: mapped.other });
  }, []);
  const dirty = useRef(false);
  const leaving = useRef(false);
  useEffect(() => {
    dirty.current = state.dirty;
  }, [state.dirty]);
  const hasUnsaved = useCallback(() => dirty.current && !leaving.current, []);
  const allowLeave = useCallback(() => {
    leaving.current = true;
  }, []);
  const { values } = state;
  const validate = useCallback(() => {
    const errors = validateAll(values, requireOrgUnit);
    dispatch({ type: 'errors', errors, other: [] });
    return Object.keys(errors).length === 0;
  }, [values, requireOrgUnit]);

  return {
    values,
    errors: state.errors,
    other: state.other,
    dirty: state.dirty,
    requireOrgUnit,
    set,
    insert,
    remove,
    validate,
    setServerErrors,
    reset,
    hasUnsaved,
    allowLeave,
  };
}
