// Where UTF-8 goes wrong: shared by the catalog reader and the import's line reader, which both
// refuse invalid bytes rather than read them as U+FFFD.

/**
 * Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (an
 * overlong form, a surrogate, a code point past U+10FFFF, a truncated sequence); the length when
 * every byte is well formed.
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    // Lead byte: how many continuation bytes, and the least code point that needs them (overlong).
    const [n, min, bits] = c >= 0xc2 && c <= 0xdf ? [1, 0x80, c & 0x1f] : c >= 0xe0 && c <= 0xef ? [2, 0x800, c & 0x0f] : c >= 0xf0 && c <= 0xf4 ? [3, 0x10000, c & 0x07] : [0, 0, 0];
    if (n === 0) return i;
    let cp = bits;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}
