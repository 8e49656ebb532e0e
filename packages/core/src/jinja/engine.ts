import nunjucks from 'nunjucks';
import { TsdbtError } from '../diagnostics/diagnostic.js';

export interface TemplateSource {
  /** File path relative to the project (used in errors). */
  name: string;
  source: string;
  /** Line of the file where `source` starts (1-based), when the template is a block cut out of a file. */
  line?: number;
}

export interface MacroDefinition {
  name: string;
  packageName: string;
  file: string;
  line: number;
  source: string;
}

// Minimal first version: the jinja module replaces this with the dbt-compatible engine.
export class JinjaEngine {
  private readonly env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
  private readonly definitions: MacroDefinition[] = [];

  addMacroFile(packageName: string, file: string, source: string): MacroDefinition[] {
    const found: MacroDefinition[] = [];
    const re = /{%-?\s*macro\s+(\w+)/g;
    for (let m = re.exec(source); m; m = re.exec(source)) {
      const line = source.slice(0, m.index).split('\n').length;
      found.push({ name: m[1]!, packageName, file, line, source });
    }
    this.definitions.push(...found);
    return found;
  }

  macros(): readonly MacroDefinition[] {
    return this.definitions;
  }

  hasMacro(_packageName: string | undefined, name: string): boolean {
    return this.definitions.some((d) => d.name === name);
  }

  render(template: TemplateSource, context: Record<string, unknown>): string {
    try {
      return this.env.renderString(template.source, context);
    } catch (cause) {
      throw new TsdbtError('TSDBT_JINJA_RENDER', (cause as Error).message, { cause, file: template.name });
    }
  }

  callMacro(): unknown {
    throw new Error('not implemented yet');
  }
}
