// Every command, in the order --help lists them. Command files are light: heavy modules are
// imported inside their actions.
import type { CommandDef } from './command.js';
import { catalogListCommand } from './commands/catalog/list.js';
import { catalogShowCommand } from './commands/catalog/show.js';
import { demoCommand } from './commands/demo.js';
import { validateCommand } from './commands/validate.js';

export const commands: readonly CommandDef[] = [validateCommand, catalogListCommand, catalogShowCommand, demoCommand];
