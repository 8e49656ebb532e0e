/** Structural checks of a Kestra flow, as the sales project's flow must pass them. Returns the problems found. */

const CRON_FIELDS: [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];
const DURATION = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const ID = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;
const NAMESPACE = /^[a-z0-9][a-z0-9._-]*$/;
/** Task types shipped with Kestra itself (core plugins and the bundled shell script plugin). */
const CORE_TYPES = /^io\.kestra\.plugin\.(core\.[a-z]+\.[A-Z]\w+|scripts\.shell\.(Commands|Script))$/;

/** A standard 5-field cron: numbers, ranges, lists and steps within each field's bounds. */
export function validCron(cron: string): boolean {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return false;
  return fields.every((field, i) => {
    const [lo, hi] = CRON_FIELDS[i]!;
    return field.split(',').every((part) => {
      const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
      if (!m) return false;
      const nums = [m[2], m[3]].filter((x) => x !== undefined).map(Number);
      if (m[4] !== undefined && Number(m[4]) < 1) return false;
      return nums.every((n) => n >= lo && n <= hi) && (nums.length < 2 || nums[0]! <= nums[1]!);
    });
  });
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function checkFlow(flow: unknown): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, msg: string) => ok || problems.push(msg);
  if (!isObj(flow)) return ['the flow is not a mapping'];
  need(typeof flow.id === 'string' && ID.test(flow.id), 'flow id missing or invalid');
  need(typeof flow.namespace === 'string' && NAMESPACE.test(flow.namespace), 'namespace missing or invalid');
  const conc = flow.concurrency;
  need(isObj(conc) && conc.limit === 1 && ['QUEUE', 'CANCEL', 'FAIL'].includes(String(conc.behavior)),
    'concurrency must be limit 1 with a behavior (no overlapping runs)');
  const tasks = Array.isArray(flow.tasks) ? flow.tasks : [];
  need(tasks.length > 0, 'no tasks');
  const ids = new Set<string>();
  for (const task of [...tasks, ...(Array.isArray(flow.errors) ? flow.errors : [])]) problems.push(...checkTask(task, ids));
  const triggers = Array.isArray(flow.triggers) ? flow.triggers.filter(isObj) : [];
  const schedules = triggers.filter((t) => t.type === 'io.kestra.plugin.core.trigger.Schedule');
  need(schedules.length > 0, 'no Schedule trigger');
  for (const s of schedules) need(typeof s.cron === 'string' && validCron(s.cron), `trigger ${String(s.id)}: invalid cron ${String(s.cron)}`);
  return problems;
}

function checkTask(task: unknown, ids: Set<string>): string[] {
  if (!isObj(task)) return ['a task is not a mapping'];
  const problems: string[] = [];
  const id = String(task.id);
  if (typeof task.id !== 'string' || !ID.test(task.id)) problems.push(`task id ${id} missing or invalid`);
  if (ids.has(id)) problems.push(`task id ${id} is used twice`);
  ids.add(id);
  if (typeof task.type !== 'string' || !CORE_TYPES.test(task.type)) problems.push(`task ${id}: ${String(task.type)} is not a core task type`);
  if (task.type === 'io.kestra.plugin.scripts.shell.Commands') {
    if (!isObj(task.taskRunner) || task.taskRunner.type !== 'io.kestra.plugin.core.runner.Process') {
      problems.push(`task ${id}: shell commands need the core Process task runner`);
    }
    if (typeof task.timeout !== 'string' || !DURATION.test(task.timeout)) problems.push(`task ${id}: timeout must be an ISO-8601 duration`);
    const r = task.retry;
    if (!isObj(r) || !['constant', 'exponential', 'random'].includes(String(r.type)) || !(Number(r.maxAttempts) >= 1)
      || typeof r.interval !== 'string' || !DURATION.test(r.interval)) problems.push(`task ${id}: retry needs type, interval and maxAttempts`);
    for (const [k, v] of Object.entries(isObj(task.env) ? task.env : {})) {
      if (/PASSWORD|USER|ACCOUNT|SERVER/.test(k) && !/^\{\{\s*secret\('[A-Z0-9_]+'\)\s*\}\}$/.test(String(v))) {
        problems.push(`task ${id}: ${k} must come from {{ secret('…') }}`);
      }
    }
    if (!Array.isArray(task.commands) || task.commands.length === 0) problems.push(`task ${id}: no commands`);
  }
  return problems;
}

/** The commands of the shell tasks, with the flow's variables and inputs filled in (both values of booleans). */
export function renderedCommands(flow: Obj): string[] {
  const vars = (flow.variables ?? {}) as Obj;
  const out: string[] = [];
  for (const task of (flow.tasks as Obj[]).filter((t) => Array.isArray(t.commands))) {
    for (const command of task.commands as string[]) {
      for (const fullRefresh of [false, true]) {
        out.push(command
          .replace(/\{\{\s*vars\.(\w+)\s*\}\}/g, (_m, k: string) => String(vars[k]))
          .replace(/\{\{\s*inputs\.target\s*\}\}/g, 'snowflake')
          .replace(/\{\{\s*inputs\.full_refresh\s*\?\s*'([^']*)'\s*:\s*'([^']*)'\s*\}\}/g, (_m, yes: string, no: string) => (fullRefresh ? yes : no))
          .replace(/\s+/g, ' ').trim());
      }
    }
  }
  return out;
}
