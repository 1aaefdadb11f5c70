import { Separator, checkbox, select } from '@inquirer/prompts';
import type { DrillRunner } from './drill-runner.ts';
import type { DrillItem, QuestionItem } from './exam-item.ts';
import { kindOf } from './question.ts';
import { formatRemaining, type ExamDriver, type ItemContext } from './session.ts';
import { terminalWidth, wrap } from './wrap.ts';
import { EndExam } from '../../../../stacks/model/errors.ts';

const SKIP = -1;
const letter = (i: number): string => String.fromCharCode(65 + i);

/** Whether an error is the prompt library's "aborted" (time is up) or "Ctrl+C" error. */
const isAbort = (e: unknown): boolean => e instanceof Error && e.name === 'AbortPromptError';
const isExit = (e: unknown): boolean => e instanceof Error && e.name === 'ExitPromptError';

/**
 * The terminal driver: one select (single answer) or checkbox (Choose N) prompt per question,
 * aborted when the time is up; Ctrl+C ends the exam. `output` is where the prompts are drawn
 * (stderr under --json, so stdout stays JSON).
 */
export function terminalDriver(output: NodeJS.WritableStream & { columns?: number } = process.stdout, drills?: DrillRunner): ExamDriver {
  const write = (s: string): void => void output.write(s);
  const header = (item: QuestionItem | DrillItem, ctx: ItemContext): void =>
    write(`\n[${ctx.index + 1}/${ctx.total}] ${item.domain} · ${formatRemaining(ctx.remainingMs)} left\n`);
  return {
    async answerQuestion(item, ctx) {
      const q = item.question;
      header(item, ctx);
      write(`${wrap(q.prompt, terminalWidth(output))}\n\n`);
      const choices = q.answers.map((a, i) => ({ name: `${letter(i)}. ${a}`, value: i }));
      const context = { signal: ctx.signal, output };
      try {
        if (kindOf(q) === 'single') {
          const picked = await select({ message: 'Your answer', choices: [...choices, new Separator(), { name: 'Skip this question', value: SKIP }], pageSize: 12, loop: false }, context);
          return picked === SKIP ? undefined : [picked];
        }
        const n = q.correct.length;
        return await checkbox(
          {
            message: `Your answers (choose ${n}, or none to skip)`,
            choices,
            loop: false,
            validate: (marked) => marked.length === 0 || marked.length === n || `choose exactly ${n} (or none to skip)`,
          },
          context,
        );
      } catch (error) {
        if (isAbort(error)) {
          write('\ntime is up\n');
          return undefined;
        }
        if (isExit(error)) throw new EndExam();
        throw error;
      }
    },
    async runDrill(item, ctx) {
      header(item, ctx);
      write(`Hands-on drill: ${item.drill.title} (${item.id})\n`);
      if (!drills) {
        write('no cluster to run it on, so it counts as unanswered\n');
        return undefined;
      }
      try {
        return await drills(item, ctx, output);
      } catch (error) {
        if (isExit(error)) throw new EndExam();
        throw error;
      }
    },
  };
}
