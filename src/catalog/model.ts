// The catalog as typed data: the shapes of schemas/*.schema.json, property names as in YAML.
import type { CalendarInput } from '../calendar/calendar.js';
import type { SourceRef } from './source.js';

export const mechanisms = ['one-stop', 'inter-agency', 'five-on-the-spot', 'internal'] as const;
export type Mechanism = (typeof mechanisms)[number];

export const stepActions = ['receive', 'transfer', 'appraise', 'approve', 'stamp', 'return', 'other'] as const;
export type StepAction = (typeof stepActions)[number];


export interface Holiday {
  date?: string;
  from?: string;
  to?: string;
  name: string;
  source?: string;
}

export interface WorkingDay {
  date: string;
  name: string;
  hours?: string[];
  source?: string;
}

export interface CalendarDef extends CalendarInput {
  kind: 'calendar';
  name?: string;
  description?: string;
  holidays?: Holiday[];
  working_days?: WorkingDay[];
}

export interface Unit {
  id: string;
  name: string;
  code?: string;
  level: string;
  parent?: string;
  centre?: boolean;
  address?: string;
  phone?: string;
  email?: string;
  website?: string;
}

export interface Official {
  id: string;
  name: string;
  unit: string;
  title?: string;
  phone?: string;
  email?: string;
}

export interface UnitsDoc {
  kind: 'units';
  units?: Unit[];
  officials?: Official[];
}

export interface Fee {
  name: string;
  amount: number;
  note?: string;
}

export interface Component {
  name: string;
  copies?: number;
  original?: boolean;
  form?: string;
  optional?: boolean;
}

export interface Step {
  id: string;
  name: string;
  action: StepAction;
  unit: string;
  assignee?: string;
  duration: string;
  next?: string[];
  note?: string;
}

export interface Procedure {
  kind: 'procedure';
  code: string;
  name: string;
  agency: string;
  field: string;
  mechanism: Mechanism;
  calendar?: string;
  time_limit: string;
  on_supplement?: 'pause' | 'restart';
  effective_from: string;
  effective_to?: string;
  applicants?: string;
  channels?: ('counter' | 'online' | 'post')[];
  result?: string;
  fees?: Fee[];
  components?: Component[];
  conditions?: string[];
  legal_basis?: string[];
  steps: Step[];
  notes?: string;
}

/** A value of the catalog together with where it was written. */
export interface Sourced<T> {
  value: T;
  ref: SourceRef;
}

/** A catalog whose documents passed the schema; cross-reference findings are reported apart. */
export interface Catalog {
  calendars: Sourced<CalendarDef>[];
  units: Sourced<Unit>[];
  officials: Sourced<Official>[];
  procedures: Sourced<Procedure>[];
}
