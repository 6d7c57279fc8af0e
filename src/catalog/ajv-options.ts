// The ajv settings shared by the run-time compiler (src/catalog/schema.ts) and the build-time
// one (scripts/build-validators.mjs), so both validate alike.

/**
 * allErrors: every problem at once; verbose: errors carry the failing schema (for hints);
 * unicode: false: string lengths in UTF-16 units (.length), ~30 ms faster on a large catalog, and
 * different only for characters outside the BMP, which count twice toward the length limits.
 */
export const ajvOptions = { allErrors: true, verbose: true, strict: true, unicode: false } as const;

/** The formats the schemas use, from ajv-formats. */
export const ajvFormats = ['date', 'email', 'uri'];
