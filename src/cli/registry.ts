// Every command, in the order --help lists them. Command files are light: heavy modules are
// imported inside their actions.
import type { CommandDef } from './command.js';
import { calendarBetweenCommand } from './commands/calendar/between.js';
import { calendarDueCommand } from './commands/calendar/due.js';
import { calendarGenerateCommand } from './commands/calendar/generate.js';
import { calendarShowCommand } from './commands/calendar/show.js';
import { catalogDiffCommand } from './commands/catalog/diff.js';
import { catalogLoadCommand } from './commands/catalog/load.js';
import { catalogListCommand } from './commands/catalog/list.js';
import { catalogNewCommand } from './commands/catalog/new.js';
import { catalogShowCommand } from './commands/catalog/show.js';
import { catalogPublishCommand } from './commands/catalog/publish.js';
import { dbMigrateCommand } from './commands/db/migrate.js';
import { dbStatusCommand } from './commands/db/status.js';
import { dbGrantReportingCommand } from './commands/db/grant-reporting.js';
import { auditExportCommand } from './commands/audit/export.js';
import { auditVerifyCommand } from './commands/audit/verify.js';
import { dossierExportStatusCommand } from './commands/dossier/export-status.js';
import { dossierFormCommand } from './commands/dossier/form.js';
import { dossierImportCommand } from './commands/dossier/import.js';
import { dossierListCommand } from './commands/dossier/list.js';
import { dossierReceiveCommand } from './commands/dossier/receive.js';
import { dossierShowCommand } from './commands/dossier/show.js';
import { dossierVerbCommands } from './commands/dossier/verbs.js';
import { demoCommand } from './commands/demo.js';
import { reportCoverageCommand, reportOffendersCommand, reportStepsCommand } from './commands/report/more.js';
import { reportSlaCommand } from './commands/report/sla.js';
import { reportDueSoonCommand, reportOverdueCommand } from './commands/report/urgent.js';
import { simulateCommand } from './commands/simulate.js';
import { validateCommand } from './commands/validate.js';

export const commands: readonly CommandDef[] = [
  validateCommand,
  catalogLoadCommand,
  catalogListCommand,
  catalogShowCommand,
  catalogPublishCommand,
  catalogDiffCommand,
  catalogNewCommand,
  calendarDueCommand,
  calendarBetweenCommand,
  calendarShowCommand,
  calendarGenerateCommand,
  dossierReceiveCommand,
  ...dossierVerbCommands,
  dossierShowCommand,
  dossierListCommand,
  dossierImportCommand,
  dossierExportStatusCommand,
  dossierFormCommand,
  simulateCommand,
  reportSlaCommand,
  reportOverdueCommand,
  reportDueSoonCommand,
  reportOffendersCommand,
  reportStepsCommand,
  reportCoverageCommand,
  auditVerifyCommand,
  auditExportCommand,
  dbMigrateCommand,
  dbStatusCommand,
  dbGrantReportingCommand,
  demoCommand,
];
