// A procedure as Mermaid flowchart text (`tthc catalog show CODE --diagram mermaid`), which GitHub
// and GitLab draw inside a ```mermaid fence: one box per step with its name, unit, official and
// budget; an arrow for each successor, so parallel branches stand side by side; the steps of the
// longest path drawn heavier; the time limit and the longest path in the title.
import type { ProcedureDetail } from '../catalog/query.js';

/** The words of the title, in the output's language. */
export interface DiagramLabels {
  timeLimit: string;
  longestPath: string;
}

/** Text for inside a quoted label: characters Mermaid would read as syntax become entity codes. */
function escape(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/["#<>&]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** Node ids by step order (a step id may hold characters Mermaid reads as syntax). */
const nodeId = (index: number) => `s${index + 1}`;

export function procedureMermaid(p: ProcedureDetail, labels: DiagramLabels): string {
  const index = new Map(p.steps.map((s, i) => [s.id, i]));
  const title = `${p.code} · ${p.name} · ${labels.timeLimit} ${p.time_limit} · ${labels.longestPath} ${p.longest_path.duration}`;
  const lines = ['---', `title: "${escape(title)}"`, '---', 'flowchart TD'];
  p.steps.forEach((s, i) => {
    const parts = [`${i + 1}. ${s.name}`, s.unit.name, ...(s.official ? [s.official.name] : []), s.duration];
    lines.push(`  ${nodeId(i)}["${parts.map(escape).join('<br/>')}"]`);
  });
  p.steps.forEach((s, i) => {
    for (const next of s.next) lines.push(`  ${nodeId(i)} --> ${nodeId(index.get(next)!)}`);
  });
  const longest = p.steps.flatMap((s, i) => (s.on_longest_path ? [nodeId(i)] : []));
  if (longest.length > 0) {
    lines.push('  classDef longest stroke-width:3px');
    lines.push(`  class ${longest.join(',')} longest`);
  }
  return lines.join('\n') + '\n';
}
