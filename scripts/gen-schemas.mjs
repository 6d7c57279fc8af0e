// Writes schemas/*.schema.json. The schemas are committed JSON (editors and other tools read
// them directly); this script is their source so that the shared definitions (durations, hour
// ranges, identifiers) are written once. Run `node scripts/gen-schemas.mjs` after editing it.
import { writeFileSync } from 'node:fs';

const base = 'urn:tthc:schema';

// Years from 1901 (the time-zone data starts there) to 9999 (four digits): src/calendar/zone.ts
// (supportedYears) holds the same range for dates given as arguments.
const year = '(?:19(?:0[1-9]|[1-9]\\d)|[2-9]\\d{3})';

const defs = {
  id: {
    title: 'Identifier',
    description: 'A short identifier: letters, digits, dot, dash or underscore, starting with a letter or digit (for example "so-xd").',
    type: 'string',
    pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
    maxLength: 64,
  },
  text: {
    title: 'Text',
    description: 'Free text in Vietnamese.',
    type: 'string',
    minLength: 1,
    maxLength: 2000,
  },
  date: {
    title: 'Date',
    description: 'A calendar date written YYYY-MM-DD, from 1901-01-01 to 9999-12-31 (for example 2026-01-01).',
    type: 'string',
    format: 'date',
    pattern: `^${year}-\\d{2}-\\d{2}$`,
  },
  hourRange: {
    title: 'Working hours',
    description: 'A range of working hours written HH:MM-HH:MM in the calendar time zone (for example "07:30-11:30").',
    type: 'string',
    pattern: '^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d$',
  },
  hourRanges: {
    title: 'Working hours of a day',
    description: 'The working periods of a day, in order, not overlapping (for example ["07:30-11:30", "13:30-17:30"]).',
    type: 'array',
    items: { $ref: '#/$defs/hourRange' },
    maxItems: 12,
  },
  limit: {
    title: 'Time limit',
    description: 'A number followed by d (working days), h (working hours) or cd (calendar days); decimals allowed: "15d", "0.5d", "4h", "30cd".',
    type: 'string',
    pattern: '^\\d+(\\.\\d+)?(d|h|cd)$',
    maxLength: 16,
  },
  duration: {
    title: 'Step budget',
    description: 'Working time allowed for a step: a number followed by d (working days) or h (working hours); decimals allowed: "1d", "0.5d", "4h", "0h".',
    type: 'string',
    pattern: '^\\d+(\\.\\d+)?(d|h)$',
    maxLength: 16,
  },
  agencyCode: {
    title: 'Agency code (QCVN 102:2016/BTTTT)',
    description: 'The electronic identifier of the agency, V1V2V3.Z1Z2.Y1Y2.MX1X2, unused levels zero-filled (for example "000.00.12.H06"). It prefixes every dossier code the agency issues.',
    type: 'string',
    pattern: '^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$',
  },
  phone: {
    title: 'Phone number',
    description: 'A phone number as it is published (digits, spaces, dots, dashes, parentheses and a leading +).',
    type: 'string',
    pattern: '^\\+?[0-9 .()-]{3,30}$',
  },
  email: {
    title: 'E-mail address',
    description: 'A published e-mail address.',
    type: 'string',
    format: 'email',
    maxLength: 254,
  },
};

// A reference that repeats the definition's title and description, so every property has its own.
function ref(name) {
  return { $ref: `#/$defs/${name}`, title: defs[name].title, description: defs[name].description };
}

function pick(...names) {
  return Object.fromEntries(names.map((n) => [n, defs[n]]));
}

const kindProp = (kind, what) => ({
  title: 'Kind of document',
  description: `Always "${kind}": this document ${what}.`,
  const: kind,
});

const calendar = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${base}:calendar`,
  title: 'tthc working calendar',
  description: 'Working hours, public holidays and make-up working days used to compute deadlines. Holidays are announced every year: check them against the government\'s announcement.',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'timezone', 'week'],
  properties: {
    kind: kindProp('calendar', 'is a working calendar'),
    id: { $ref: '#/$defs/id', title: 'Calendar id', description: 'Identifier that procedures name in their "calendar" property (for example "vn-2026").' },
    name: { $ref: '#/$defs/text', title: 'Name', description: 'Human name of the calendar.' },
    description: { $ref: '#/$defs/text', title: 'Description', description: 'Where the dates come from and what admins must check.' },
    timezone: {
      title: 'Time zone',
      description: 'IANA time zone in which hours and dates are read (for example "Asia/Ho_Chi_Minh").',
      type: 'string',
      pattern: '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$',
      maxLength: 64,
    },
    week: {
      title: 'Weekly working hours',
      description: 'Working hours for each weekday; a weekday not listed (or listed with no hours) is a rest day.',
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: Object.fromEntries(
        [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'], ['sat', 'Saturday'], ['sun', 'Sunday']].map(
          ([k, name]) => [k, { $ref: '#/$defs/hourRanges', title: name, description: `Working hours on ${name}.` }],
        ),
      ),
    },
    day: {
      title: 'Length of a working day',
      description: 'How much working time "1d" means, in hours (for example "8h"). Default: the longest weekday\'s hours.',
      type: 'string',
      pattern: '^\\d+(\\.\\d+)?h$',
      maxLength: 16,
    },
    holidays: {
      title: 'Public holidays',
      description: 'Closed days: either one "date" or a range "from" … "to" (inclusive).',
      type: 'array',
      maxItems: 1000,
      items: {
        title: 'Holiday',
        description: 'A closed day or range of days.',
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        dependentRequired: { from: ['to'], to: ['from'] },
        properties: {
          date: { $ref: '#/$defs/date', title: 'Date', description: 'The closed day.' },
          from: { $ref: '#/$defs/date', title: 'First day', description: 'First closed day of the range.' },
          to: { $ref: '#/$defs/date', title: 'Last day', description: 'Last closed day of the range (inclusive).' },
          name: { $ref: '#/$defs/text', title: 'Name', description: 'Name of the holiday (for example "Tết Nguyên Đán").' },
          source: { $ref: '#/$defs/text', title: 'Source', description: 'The announcement or law the date comes from.' },
        },
      },
    },
    working_days: {
      title: 'Make-up working days',
      description: 'Days worked although normally closed (a Saturday swapped to bridge a holiday).',
      type: 'array',
      maxItems: 1000,
      items: {
        title: 'Make-up working day',
        description: 'A day worked although normally closed.',
        type: 'object',
        additionalProperties: false,
        required: ['date', 'name'],
        properties: {
          date: { $ref: '#/$defs/date', title: 'Date', description: 'The day that is worked.' },
          name: { $ref: '#/$defs/text', title: 'Name', description: 'Why it is worked (for example "Làm bù cho ngày 02/01").' },
          hours: { $ref: '#/$defs/hourRanges', title: 'Hours', description: 'Working hours of that day; default: Monday\'s.' },
          source: { $ref: '#/$defs/text', title: 'Source', description: 'The announcement the swap comes from.' },
        },
      },
    },
    receipt_cutoff: {
      title: 'Receipt cut-off',
      description: 'Time of day (HH:MM) after which a received dossier starts its clock on the next working morning.',
      type: 'string',
      pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
    },
  },
  $defs: pick('id', 'text', 'date', 'hourRange', 'hourRanges'),
};

const units = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${base}:units`,
  title: 'tthc units and officials',
  description: 'The agencies and units that receive and process dossiers, and the officials who handle steps.',
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: {
    kind: kindProp('units', 'lists units and officials'),
    units: {
      title: 'Units',
      description: 'Agencies and units (UBND, departments, the public administration service centre, communes).',
      type: 'array',
      maxItems: 10000,
      items: {
        title: 'Unit',
        description: 'An agency or unit.',
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'level'],
        properties: {
          id: { $ref: '#/$defs/id', title: 'Unit id', description: 'Identifier that procedures and steps refer to (for example "so-xd").' },
          name: { $ref: '#/$defs/text', title: 'Name', description: 'Official name (for example "Sở Xây dựng").' },
          code: ref('agencyCode'),
          level: {
            title: 'Level',
            description: 'Level of government: "province", "commune", or historical "district"; levels are data, any identifier is accepted.',
            type: 'string',
            pattern: '^[a-z][a-z0-9-]*$',
            maxLength: 32,
          },
          parent: { $ref: '#/$defs/id', title: 'Parent unit', description: 'Id of the unit this one belongs to.' },
          centre: {
            title: 'Service centre',
            description: 'True for a public administration service centre (or a one-stop section); its sub-units count as the centre too. Five-on-the-spot procedures run their steps there.',
            type: 'boolean',
          },
          address: { $ref: '#/$defs/text', title: 'Address', description: 'Postal address of the unit.' },
          phone: ref('phone'),
          email: ref('email'),
          website: { title: 'Website', description: 'Public website of the unit.', type: 'string', format: 'uri', maxLength: 500 },
        },
      },
    },
    officials: {
      title: 'Officials',
      description: 'Public officials who handle steps (their work contacts are published; never personal data).',
      type: 'array',
      maxItems: 100000,
      items: {
        title: 'Official',
        description: 'An official who handles steps.',
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'unit'],
        properties: {
          id: { $ref: '#/$defs/id', title: 'Official id', description: 'Identifier that steps name in "assignee" and events in "by".' },
          name: { $ref: '#/$defs/text', title: 'Name', description: 'Full name.' },
          unit: { $ref: '#/$defs/id', title: 'Unit', description: 'Id of the unit the official works in.' },
          title: { $ref: '#/$defs/text', title: 'Job title', description: 'Job title (for example "Chuyên viên").' },
          phone: ref('phone'),
          email: ref('email'),
        },
      },
    },
  },
  $defs: pick('id', 'text', 'agencyCode', 'phone', 'email'),
};

const stepActions = ['receive', 'transfer', 'appraise', 'approve', 'stamp', 'return', 'other'];

const procedure = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${base}:procedure`,
  title: 'tthc administrative procedure',
  description: 'One administrative procedure (thủ tục hành chính): who handles it, its time limit, and the steps a dossier goes through.',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'code', 'name', 'agency', 'field', 'mechanism', 'time_limit', 'effective_from', 'steps'],
  properties: {
    kind: kindProp('procedure', 'is an administrative procedure'),
    code: {
      title: 'Procedure code',
      description: 'National procedure code from the national database (for example "1.009794") or a local code; unique in the catalog. Quote it: 1.009794 unquoted is a number.',
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
      maxLength: 64,
    },
    name: { $ref: '#/$defs/text', title: 'Name', description: 'Name of the procedure as published.' },
    agency: { $ref: '#/$defs/id', title: 'Responsible agency', description: 'Id of the unit responsible for the result (its reports count the dossier).' },
    field: { $ref: '#/$defs/text', title: 'Field', description: 'Lĩnh vực: the field the procedure belongs to (for example "Hộ tịch").' },
    mechanism: {
      title: 'Mechanism',
      description: 'one-stop (một cửa), inter-agency (một cửa liên thông), five-on-the-spot (5 tại chỗ) or internal (TTHC nội bộ).',
      enum: ['one-stop', 'inter-agency', 'five-on-the-spot', 'internal'],
    },
    calendar: { $ref: '#/$defs/id', title: 'Calendar', description: 'Id of the working calendar; optional when the catalog has exactly one.' },
    time_limit: ref('limit'),
    on_supplement: {
      title: 'On supplement',
      description: 'What the clock does while the applicant supplements the dossier: pause (default, as Decision 766) or restart when the complete dossier is received.',
      enum: ['pause', 'restart'],
    },
    effective_from: { $ref: '#/$defs/date', title: 'Effective from', description: 'First day this version of the procedure applies.' },
    effective_to: { $ref: '#/$defs/date', title: 'Effective to', description: 'Last day this procedure applies, if it was repealed or replaced.' },
    applicants: { $ref: '#/$defs/text', title: 'Applicants', description: 'Đối tượng thực hiện: who may file (citizens, organisations).' },
    channels: {
      title: 'Channels',
      description: 'How dossiers can be filed: counter (trực tiếp), online (trực tuyến), post (bưu chính).',
      type: 'array',
      uniqueItems: true,
      items: { title: 'Channel', description: 'A filing channel.', enum: ['counter', 'online', 'post'] },
    },
    result: { $ref: '#/$defs/text', title: 'Result', description: 'Kết quả: what the applicant receives.' },
    fees: {
      title: 'Fees and charges',
      description: 'Phí, lệ phí, in whole đồng; an empty list means free of charge.',
      type: 'array',
      maxItems: 100,
      items: {
        title: 'Fee',
        description: 'One fee or charge.',
        type: 'object',
        additionalProperties: false,
        required: ['name', 'amount'],
        properties: {
          name: { $ref: '#/$defs/text', title: 'Name', description: 'Name of the fee (for example "Lệ phí").' },
          amount: { title: 'Amount', description: 'Amount in whole đồng (no decimals, no separators).', type: 'integer', minimum: 0, maximum: 1000000000000 },
          note: { $ref: '#/$defs/text', title: 'Note', description: 'Who pays, exemptions, the legal basis of the amount.' },
        },
      },
    },
    components: {
      title: 'Dossier components',
      description: 'Thành phần hồ sơ: the papers the applicant files.',
      type: 'array',
      maxItems: 200,
      items: {
        title: 'Component',
        description: 'One paper of the dossier.',
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: { $ref: '#/$defs/text', title: 'Name', description: 'Name of the paper.' },
          copies: { title: 'Copies', description: 'Number of copies (default 1).', type: 'integer', minimum: 1, maximum: 100 },
          original: { title: 'Original', description: 'True for an original (bản chính), false for a copy (bản sao).', type: 'boolean' },
          form: { $ref: '#/$defs/text', title: 'Form', description: 'The standard form to use, if any (for example "Mẫu số 01").' },
          optional: { title: 'Optional', description: 'True when the paper is only needed in some cases.', type: 'boolean' },
        },
      },
    },
    conditions: {
      title: 'Conditions',
      description: 'Yêu cầu, điều kiện thực hiện.',
      type: 'array',
      maxItems: 100,
      items: ref('text'),
    },
    legal_basis: {
      title: 'Legal basis',
      description: 'Căn cứ pháp lý: the laws, decrees, circulars and decisions behind the procedure.',
      type: 'array',
      maxItems: 100,
      items: ref('text'),
    },
    steps: {
      title: 'Steps',
      description: 'The process (quy trình nội bộ): a graph of steps; by default each step leads to the next in the list, "next" overrides it. Exactly one step returns the result.',
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        title: 'Step',
        description: 'One step of the process.',
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'action', 'unit', 'duration'],
        properties: {
          id: { $ref: '#/$defs/id', title: 'Step id', description: 'Identifier of the step within the procedure (for example "appraise").' },
          name: { $ref: '#/$defs/text', title: 'Name', description: 'Name of the step (for example "Thẩm định hồ sơ").' },
          action: { title: 'Action', description: `What the step does: ${stepActions.join(', ')}.`, enum: stepActions },
          unit: { $ref: '#/$defs/id', title: 'Unit', description: 'Id of the unit that performs the step.' },
          assignee: { $ref: '#/$defs/id', title: 'Assignee', description: 'Id of the official who usually performs the step.' },
          duration: ref('duration'),
          next: {
            title: 'Next steps',
            description: 'Ids of the steps that start when this one completes (several run in parallel); [] ends the process. Default: the next step in the list.',
            type: 'array',
            uniqueItems: true,
            maxItems: 50,
            items: ref('id'),
          },
          note: { $ref: '#/$defs/text', title: 'Note', description: 'What the step involves.' },
        },
      },
    },
    notes: { $ref: '#/$defs/text', title: 'Notes', description: 'Anything else an applicant or official should know.' },
  },
  $defs: pick('id', 'text', 'date', 'limit', 'duration'),
};

// One line of `tthc dossier import` (SPEC.md "Dossiers and events"): the common fields, then the
// fields of its type. Instants carry their offset ("Z" or ±hh:mm), so no line is ambiguous.
const instant = (title, description) => ({ title, description, type: 'string', format: 'date-time', pattern: `^${year}-`, maxLength: 40 });
const eventFields = {
  received: {
    required: ['procedure', 'applicant', 'channel'],
    properties: {
      procedure: { title: 'Procedure', description: 'The code of the procedure (for example "1.009794"); its version is the one in force at "at".', type: 'string', minLength: 1, maxLength: 64 },
      applicant: {
        title: 'Applicant',
        description: 'Who filed the dossier. Personal data: stored, shown to officials, never published.',
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: { $ref: '#/$defs/text', title: 'Name', description: 'Full name of the person or organisation.' },
          id_number: { title: 'ID number', description: 'Citizen ID or tax number.', type: 'string', minLength: 1, maxLength: 32 },
          phone: ref('phone'),
          email: ref('email'),
          address: { $ref: '#/$defs/text', title: 'Address', description: 'Postal address.' },
        },
      },
      channel: { title: 'Channel', description: 'How the dossier came in: counter, online or post.', enum: ['counter', 'online', 'post'] },
    },
  },
  'step-completed': {
    required: ['step'],
    properties: {
      step: { $ref: '#/$defs/id', title: 'Step', description: 'Id of the running step that completes.' },
      note: { $ref: '#/$defs/text', title: 'Note', description: 'What was done.' },
    },
  },
  'supplement-requested': {
    required: ['reason', 'items'],
    properties: {
      reason: { $ref: '#/$defs/text', title: 'Reason', description: 'Why the dossier is incomplete (form 02).' },
      items: { title: 'Items', description: 'What the applicant must bring.', type: 'array', maxItems: 100, items: { $ref: '#/$defs/text' } },
    },
  },
  'supplement-received': { required: [], properties: {} },
  refused: { required: ['reason'], properties: { reason: { $ref: '#/$defs/text', title: 'Reason', description: 'Why the dossier is refused (form 03).' } } },
  withdrawn: { required: [], properties: { reason: { $ref: '#/$defs/text', title: 'Reason', description: 'Why the applicant withdrew it.' } } },
  stopped: { required: ['reason'], properties: { reason: { $ref: '#/$defs/text', title: 'Reason', description: 'Why processing stopped (form 05).' } } },
  apologized: {
    required: ['reason', 'new_appointment'],
    properties: {
      reason: { $ref: '#/$defs/text', title: 'Reason', description: 'Why the dossier is late (form 04).' },
      new_appointment: instant('New appointment', 'When the result will be ready, with its offset.'),
    },
  },
  returned: { required: [], properties: { to: { $ref: '#/$defs/text', title: 'To', description: 'Who received the result.' } } },
  rated: {
    required: ['score'],
    properties: {
      score: { title: 'Score', description: 'Satisfaction, 1 (worst) to 5 (best).', type: 'integer', minimum: 1, maximum: 5 },
      comment: { $ref: '#/$defs/text', title: 'Comment', description: 'What the applicant wrote.' },
    },
  },
};
// Every field any type has, documented once; each type then requires its own and allows no other.
const common = {
  id: { title: 'Event id', description: 'Unique across the log: an import skips an id it already holds.', type: 'string', minLength: 1, maxLength: 128 },
  dossier: { title: 'Dossier code', description: 'The dossier, "<agency code>-YYMMDD-NNNN" (for example "000.00.12.H06-260105-0001").', type: 'string', minLength: 1, maxLength: 64, pattern: '^[^\\s]+$' },
  type: { title: 'Type', description: 'What happened.', enum: Object.keys(eventFields) },
  at: instant('At', 'When it happened, ISO 8601 with its offset (for example "2026-01-05T09:00:00+07:00").'),
  by: { title: 'By', description: 'The official who did or recorded it, or null for the applicant, an online receipt or unknown.', anyOf: [{ $ref: '#/$defs/id' }, { type: 'null' }] },
};
const typeProperties = {};
for (const [type, f] of Object.entries(eventFields)) {
  for (const [name, prop] of Object.entries(f.properties)) {
    const seen = typeProperties[name];
    typeProperties[name] = seen ? { ...seen, description: `${seen.description.replace(/ \(.*\)$/, '')} (${[...(seen.description.match(/\((.*)\)$/)?.[1].split(', ') ?? []), type].join(', ')})` } : { ...prop, description: `${prop.description} (${type})` };
  }
}
typeProperties.reason = { ...typeProperties.reason, description: 'Why: the missing items (supplement-requested, form 02), the refusal (refused, form 03), the withdrawal (withdrawn), the stop (stopped, form 05) or the delay (apologized, form 04).' };
const event = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${base}:event`,
  title: 'tthc dossier event',
  description: 'One event of a dossier\'s log, one JSON object per line of a `tthc dossier import` file. The fields after "by" belong to the types named in brackets.',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'dossier', 'type', 'at', 'by'],
  properties: { ...common, ...typeProperties },
  allOf: Object.entries(eventFields).map(([type, f]) => ({
    if: { properties: { type: { const: type } }, required: ['type'] },
    // (The properties named again, as true, so that ajv's strict mode sees what "required" names.)
    then: { required: f.required, properties: Object.fromEntries(f.required.map((n) => [n, true])), propertyNames: { enum: [...Object.keys(common), ...Object.keys(f.properties)] } },
  })),
  $defs: pick('id', 'text', 'phone', 'email'),
};

for (const [name, schema] of Object.entries({ calendar, units, procedure, event })) {
  writeFileSync(new URL(`../schemas/${name}.schema.json`, import.meta.url), JSON.stringify(schema, null, 2) + '\n');
}
