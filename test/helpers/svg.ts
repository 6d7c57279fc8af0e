// Reading a diagram of src/render/svg.ts back: checks it is well-formed XML (fast-xml-parser), then
// gives its boxes, arrows, title lines and legend.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
type Attrs = Record<string, string>;
type Text = Attrs & { '#text': string };
type Element = Attrs & { rect?: Attrs[]; text?: Text[]; title?: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => ['g', 'path', 'text', 'rect', 'line'].includes(name),
});

/** The picture's parts, after checking it is well-formed XML. */
export function parseSvg(svg: string) {
  expect(XMLValidator.validate(svg)).toBe(true);
  const root = parser.parse(svg).svg as Attrs & { g: Element[]; path?: Attrs[]; text: Text[] };
  const box = (r: Attrs): Box => ({ x: Number(r['x']), y: Number(r['y']), w: Number(r['width']), h: Number(r['height']) });
  const nodes = root.g.filter((g) => g['class'] === 'node').map((g) => ({ id: g['data-step']!, state: g['data-state'], title: g.title, rect: g.rect![0]!, box: box(g.rect![0]!), texts: g.text ?? [] }));
  const edges = (root.path ?? [])
    .filter((p) => p['class'] === 'edge')
    .map((p) => {
      const nums = (p['d'] ?? '').match(/-?\d+(?:\.\d+)?/g)!.map(Number);
      return { from: p['data-from']!, to: p['data-to']!, attrs: p, start: { x: nums[0]!, y: nums[1]! }, end: { x: nums.at(-2)!, y: nums.at(-1)! } };
    });
  const legend = root.g.find((g) => g['class'] === 'legend')!;
  return { root, nodes, edges, legend, titleTexts: root.text.map((t) => t['#text']) };
}

