// The questions of `tthc catalog new`, in order: the procedure, then its steps one by one with
// the time limit's budget left shown at each. Answers are checked as they are typed, so the
// draft that comes out fits the schema and the catalog's units, officials and calendars.
import { dayLengthMinutes } from '../calendar/calendar.js';
import { describeMinutes, parseDuration, workingMinutes } from '../calendar/duration.js';
import { localDate } from '../calendar/zone.js';
import { mechanisms, stepActions, type Catalog, type Mechanism, type StepAction, type Unit } from '../catalog/model.js';
import { matchesWords } from '../catalog/query.js';
import { defaultStepName, idMaxLength, idPattern, normalizeDuration, stepId, typicalNextAction, type ProcedureDraft, type StepDraft } from '../catalog/scaffold.js';
import { InputError } from '../errors.js';
import type { CommandContext } from './command.js';
import type { Check, Choice } from './prompts.js';

/** The schema's limit on steps: the last one allowed is the return step. */
const maxSteps = 200;

/**
 * Asks for a new procedure of `catalog` at the terminal; returns the answers. Refuses
 * (InputError) a catalog without units or calendars, which no procedure could use.
 */
export async function askProcedureDraft(ctx: CommandContext, catalog: Catalog, where: string): Promise<ProcedureDraft> {
  const L = ctx.labels.scaffold;
  const p = ctx.prompter;
  const units = catalog.units.map((u) => u.value);
  if (units.length === 0) throw new InputError(`the catalog in ${where} defines no units; add a file with kind: units first (schemas/units.schema.json)`);
  if (catalog.calendars.length === 0) throw new InputError(`the catalog in ${where} has no working calendar; add a file with kind: calendar first (schemas/calendar.schema.json)`);

  const taken = new Map(catalog.procedures.map((x) => [x.value.code, x.ref.src.file]));
  const code = (
    await p.input(L.askCode, {
      required: true,
      validate: (typed) => {
        const c = typed.trim();
        if (!idPattern.test(c) || c.length > idMaxLength) return L.badCode;
        const file = taken.get(c);
        return file === undefined ? true : L.codeTaken(c, file);
      },
    })
  ).trim();
  const name = (await p.input(L.askName, { required: true })).trim();
  const agency = await p.search(L.askAgency, unitChoices(units), (term, c) => matchesWords(term, c.name));
  const fields = catalog.procedures.filter((x) => x.value.agency === agency).map((x) => x.value.field);
  const field = (await p.input(L.askField, { required: true, default: mostCommon(fields) })).trim();
  const mechanism = (await p.select(
    L.askMechanism,
    mechanisms.map((m) => ({ value: m, name: ctx.labels.mechanisms[m], description: L.mechanismHelp[m] })),
    'one-stop',
  )) as Mechanism;
  const calendars = catalog.calendars.map((c) => c.value);
  // With several calendars, the one most procedures use is highlighted first.
  const calendarChoices = calendars.map((c) => ({ value: c.id, name: c.name ? `${c.name} (${c.id})` : c.id })).sort((a, b) => (a.value < b.value ? -1 : 1));
  const usual = mostCommon(catalog.procedures.flatMap((x) => (x.value.calendar === undefined ? [] : [x.value.calendar])));
  const calendarId = calendars.length === 1 ? calendars[0]!.id : await p.select(L.askCalendar, calendarChoices, usual);
  const calendar = calendars.find((c) => c.id === calendarId)!;
  const day = dayLengthMinutes(calendar) ?? 480;

  const limitText = await p.input(L.askTimeLimit, {
    required: true,
    validate: (typed) => {
      const t = normalizeDuration(typed, true);
      if (t === undefined) return L.badLimit;
      const d = parseDuration(t)!;
      return d.unit === 'cd' && !Number.isInteger(d.amount) ? L.wholeCalendarDays : true;
    },
  });
  const timeLimit = normalizeDuration(limitText, true)!;
  const effectiveFrom = (
    await p.input(L.askEffectiveFrom, {
      required: true,
      default: localDate(ctx.asOf, calendar.timezone),
      validate: (typed) => (isDate(typed.trim()) ? true : L.badDate),
    })
  ).trim();

  const steps = await askSteps(ctx, units, catalog, { agency, day, limit: workingMinutes(parseDuration(timeLimit)!, day), timeLimit });
  return { code, name, agency, field, mechanism, calendar: calendarId, time_limit: timeLimit, effective_from: effectiveFrom, steps };
}

interface Budget {
  agency: string;
  /** Minutes of a working day in the procedure's calendar. */
  day: number;
  /** Working minutes of the time limit; undefined for calendar days, which have no budget. */
  limit: number | undefined;
  timeLimit: string;
}

/** Steps until the admin picks the return step (or the budget is spent, then the return step is last, 0h). */
async function askSteps(ctx: CommandContext, units: readonly Unit[], catalog: Catalog, b: Budget): Promise<StepDraft[]> {
  const L = ctx.labels.scaffold;
  const p = ctx.prompter;
  const fmt = (m: number) => describeMinutes(m, b.day);
  const steps: StepDraft[] = [];
  let used = 0;
  for (let n = 1; ; n++) {
    const left = b.limit === undefined ? undefined : b.limit - used;
    ctx.notice(left === undefined ? L.stepHeaderCalendarDays(n, fmt(used), b.timeLimit) : L.stepHeader(n, fmt(used), fmt(left), b.timeLimit));
    const lastOnly = left === 0 || n === maxSteps;
    const previous = steps[steps.length - 1];
    let action: StepAction = 'return';
    if (left === 0) ctx.notice(L.budgetUsed);
    if (!lastOnly) {
      const choices = stepActions.map((a) => ({ value: a, name: ctx.labels.actions[a], description: a === 'return' ? L.lastStep : undefined }));
      action = (await p.select(L.askAction(n), choices, typicalNextAction(previous?.action))) as StepAction;
    }
    const name = (await p.input(L.askStepName(n), { required: true, default: defaultStepName(action) })).trim();
    // The previous step's unit first (Enter keeps it), else the agency.
    const preferred = previous?.unit ?? b.agency;
    const unitList = unitChoices(units);
    unitList.sort((x, y) => Number(y.value === preferred) - Number(x.value === preferred));
    const unit = await p.search(L.askStepUnit(n), unitList, (term, c) => matchesWords(term, c.name));
    const officials = catalog.officials.map((o) => o.value).filter((o) => o.unit === unit);
    let assignee: string | undefined;
    if (officials.length > 0) {
      const choices: Choice[] = [{ value: '', name: L.noOfficial }, ...officials.map((o) => ({ value: o.id, name: `${o.name}${o.title ? `, ${o.title}` : ''} (${o.id})` }))];
      const picked = await p.select(L.askOfficial(n), choices, '');
      if (picked !== '') assignee = picked;
    }
    let duration = '0h';
    if (!lastOnly) {
      const minutesOf = (typed: string): number | undefined => {
        const t = normalizeDuration(typed, false);
        return t === undefined ? undefined : workingMinutes(parseDuration(t)!, b.day);
      };
      const check: Check = (typed) => {
        const m = minutesOf(typed);
        if (m === undefined) return L.badDuration;
        return left !== undefined && m > left ? L.overBudget(fmt(left)) : true;
      };
      const hint = (typed: string): string => {
        const m = minutesOf(typed);
        if (m === undefined || left === undefined) return '';
        return m > left ? L.hintOver(fmt(m - left)) : L.hintLeft(fmt(left - m));
      };
      const typed = await p.input(left === undefined ? L.askDurationFree(n) : L.askDuration(n, fmt(left)), { required: true, validate: check, hint });
      duration = normalizeDuration(typed, false)!;
      used += minutesOf(duration)!;
    }
    const step: StepDraft = { id: stepId(action, steps.map((s) => s.id)), name, action, unit, duration };
    if (assignee !== undefined) step.assignee = assignee;
    steps.push(step);
    if (action === 'return') return steps;
  }
}

/** Units as choices: name and id, so either can be typed to find one. */
function unitChoices(units: readonly Unit[]): Choice[] {
  return units.map((u) => ({ value: u.id, name: `${u.name} (${u.id})` }));
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** A real calendar date written YYYY-MM-DD. */
function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const t = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === text;
}
