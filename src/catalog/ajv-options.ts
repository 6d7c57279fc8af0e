// The ajv settings shared by the run-time compiler (src/catalog/schema.ts) and the build-time
// one (scripts/build-validators.mjs), so both validate alike.

/** allErrors: every problem at once; verbose: errors carry the failing schema (for hints). */
export const ajvOptions = { allErrors: true, verbose: true, strict: true } as const;

/** The formats the schemas use, from ajv-formats. */
export const ajvFormats = ['date', 'date-time', 'email', 'uri'];
