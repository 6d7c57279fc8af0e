// The events of a dossier's append-only log (SPEC.md "Dossiers and events"): a union
// discriminated on `type`. Instants are Dates (UTC inside); the database and the import turn
// their ISO 8601 text into Dates before the state machine sees them.

/** The event types of SPEC.md "Dossiers and events", in the order of its table. */
export const eventTypes = [
  'received',
  'step-completed',
  'supplement-requested',
  'supplement-received',
  'refused',
  'withdrawn',
  'stopped',
  'apologized',
  'returned',
  'rated',
] as const;
/** One of `eventTypes`. */
export type EventType = (typeof eventTypes)[number];

/** How a dossier was received. */
export const channels = ['counter', 'online', 'post'] as const;
/** One of `channels`. */
export type Channel = (typeof channels)[number];

/** Fields every event has. */
export interface EventBase {
  /** Unique across the log (the import's idempotency key). */
  readonly id: string;
  /** The dossier code, `<agency code>-YYMMDD-NNNN`. */
  readonly dossier: string;
  readonly at: Date;
  /**
   * The official who recorded or did it (an official id of the catalog), or null when nobody of
   * the administration did: an online or postal receipt, a supplement the applicant sent in, a
   * withdrawal or a rating by the applicant, or an import that does not say.
   */
  readonly by: string | null;
}

/** Who filed the dossier (personal data: never published). */
export interface Applicant {
  readonly name: string;
  readonly id_number?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly address?: string;
}

/** Creates the dossier and starts its first step; completes nothing. */
export interface ReceivedEvent extends EventBase {
  readonly type: 'received';
  /** The procedure code; the version is the one in force at `at`, chosen by the caller. */
  readonly procedure: string;
  readonly applicant: Applicant;
  readonly channel: Channel;
}

/** Completes a running step; starts the successors that are now ready. */
export interface StepCompletedEvent extends EventBase {
  readonly type: 'step-completed';
  readonly step: string;
  readonly note?: string;
}

/** The applicant is asked to supplement the dossier (form 02): the clock stops. */
export interface SupplementRequestedEvent extends EventBase {
  readonly type: 'supplement-requested';
  readonly reason: string;
  readonly items: readonly string[];
}

/** The complete dossier came back: the clock resumes (or restarts). */
export interface SupplementReceivedEvent extends EventBase {
  readonly type: 'supplement-received';
}

/** Ends the dossier: refused (form 03). */
export interface RefusedEvent extends EventBase {
  readonly type: 'refused';
  readonly reason: string;
}

/** Ends the dossier: the applicant withdrew it. */
export interface WithdrawnEvent extends EventBase {
  readonly type: 'withdrawn';
  readonly reason?: string;
}

/** Ends the dossier: processing stopped (form 05). */
export interface StoppedEvent extends EventBase {
  readonly type: 'stopped';
  readonly reason: string;
}

/** An apology with a new appointment (form 04); it never changes how the dossier is judged. */
export interface ApologizedEvent extends EventBase {
  readonly type: 'apologized';
  readonly reason: string;
  readonly new_appointment: Date;
}

/** The result was handed to the applicant; judges nothing. */
export interface ReturnedEvent extends EventBase {
  readonly type: 'returned';
  readonly to?: string;
}

/** The applicant's satisfaction vote, 1–5. */
export interface RatedEvent extends EventBase {
  readonly type: 'rated';
  readonly score: number;
  readonly comment?: string;
}

/** Any event of a dossier's log. */
export type DossierEvent =
  | ReceivedEvent
  | StepCompletedEvent
  | SupplementRequestedEvent
  | SupplementReceivedEvent
  | RefusedEvent
  | WithdrawnEvent
  | StoppedEvent
  | ApologizedEvent
  | ReturnedEvent
  | RatedEvent;

/** The event of a given type. */
export type EventOf<T extends EventType> = Extract<DossierEvent, { type: T }>;

/** True when `type` is one of the event types of SPEC.md; refuses (false) anything else. */
export function isEventType(type: unknown): type is EventType {
  return typeof type === 'string' && (eventTypes as readonly string[]).includes(type);
}

/** The event types that end a dossier without a result: refused, withdrawn, stopped. */
export const endingEventTypes = ['refused', 'withdrawn', 'stopped'] as const satisfies readonly EventType[];
